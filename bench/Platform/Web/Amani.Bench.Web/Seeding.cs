using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Amani.Bench.Web;

/// <summary>
/// The benchmark's data directory (SQLite): mission BENCH with the CAR and Syria admin-1 and admin-2 boundaries, N UCDP
/// GED events imported with <c>amani import ucdp-ged</c> (the import benchmark's generated file: real Syria and CAR
/// events resampled) and M open community reports posted to the public API; mission EMPTY with the same boundaries
/// and nothing else (the reference); one platform administrator who signs in. With <c>--reuse</c> a directory seeded
/// earlier with the same counts is used as it is.
/// </summary>
public static class Seeding
{
    public const string Mission = "BENCH";
    public const string EmptyMission = "EMPTY";
    public const string Email = "bench-admin@amani.test";

    public sealed record Seeded(string Directory, string Password, IReadOnlyList<string> Log);

    public static async Task<Seeded> PrepareAsync(string root, string serverDll, int rows, int reports, bool reuse)
    {
        var directory = Path.Combine(root, "bench/.data", $"web-sqlite-{rows}-{reports}");
        var marker = Path.Combine(directory, "seeded.txt");
        var passwordFile = Path.Combine(directory, "admin-password");
        if (reuse && File.Exists(marker))
        {
            var log = File.ReadAllLines(marker).Prepend($"reused the data directory {directory} (seeded earlier; without --reuse it is rebuilt):").ToList();
            return new Seeded(directory, File.ReadAllText(passwordFile).Trim(), log);
        }
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        var lines = new List<string>();
        var csv = Path.Combine(root, "bench/.data", $"ged-{rows}.csv");
        if (!File.Exists(csv))
        {
            var generator = Path.Combine(root, "bench/Amani.Bench.Import/bin/Release/net10.0/Amani.Bench.Import.dll");
            var clock = Stopwatch.StartNew();
            using var generate = Process.Start("dotnet", [generator, "generate", "--rows", rows.ToString(CultureInfo.InvariantCulture), "--out", csv])!;
            await generate.WaitForExitAsync();
            if (generate.ExitCode != 0)
                throw new InvalidOperationException("The GED generator failed.");
            lines.Add($"  generated {csv} in {clock.Elapsed.TotalSeconds:F1} s");
        }

        var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        await File.WriteAllTextAsync(passwordFile, password);
        await using var amani = new AmaniProcess(serverDll, directory);
        var geo = Path.Combine(root, "src/Amani/SampleData/geo");
        foreach (var mission in new[] { Mission, EmptyMission })
        {
            await amani.RunAsync("missions", "create", "--code", mission, "--name", mission == Mission ? "Benchmark" : "Empty reference", "--country", "CAF");
            foreach (var (country, level) in new[] { ("caf", 1), ("caf", 2), ("syr", 1), ("syr", 2) })
                await amani.RunAsync("import", "areas", Path.Combine(geo, $"{country}_adm{level}.geojson"), "--mission", mission, "--level",
                    level.ToString(CultureInfo.InvariantCulture));
        }
        await amani.RunAsync("users", "create-admin", "--email", Email, "--password-file", passwordFile);
        var import = await amani.RunAsync("import", "ucdp-ged", csv, "--mission", Mission, "--rejects", Path.Combine(directory, "rejects.csv"));
        lines.Add($"  amani import ucdp-ged of {rows:N0} events: {import.TotalSeconds:F1} s ({rows / import.TotalSeconds:N0} events/s)");
        // The import leaves the aggregates stale; rebuilt here, so that the server's refresh does not run during the measurements.
        var aggregates = await amani.RunAsync("aggregates", "rebuild", "--mission", Mission);
        lines.Add($"  amani aggregates rebuild: {aggregates.TotalSeconds:F1} s");

        await amani.StartAsync();
        var posting = Stopwatch.StartNew();
        await PostReportsAsync(amani.Address, reports);
        lines.Add($"  {reports:N0} community reports posted to POST /api/v1/reports (8 connections): {posting.Elapsed.TotalSeconds:F1} s");
        await amani.StopAsync();
        lines.Insert(0, $"  seeded on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        await File.WriteAllLinesAsync(marker, lines);
        return new Seeded(directory, password, lines.Prepend($"seeded a fresh data directory {directory}:").ToList());
    }

    private static async Task PostReportsAsync(Uri server, int count)
    {
        var next = -1;
        var run = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        using var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                using var content = new StringContent(Body(run, index), Encoding.UTF8, "application/json");
                using var answer = await client.PostAsync("/api/v1/reports", content);
                if (answer.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"POST /api/v1/reports answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            }
        }));
    }

    private static readonly string[] Descriptions =
    [
        "Armed men stopped the bus on the road north of the river crossing and took the passengers' phones.",
        "Shots heard near the market at dawn; people are leaving towards the church with their belongings.",
        "Three houses burnt at the edge of the village after an argument over cattle; nobody hurt as far as we know.",
        "A checkpoint was set up this morning at the bridge; drivers are asked to pay before they can pass.",
    ];

    /// <summary>A report of the public contract in the CAR part of the mission (where the imported events are), one in ten with a contact.</summary>
    private static string Body(string run, int index)
    {
        var lat = (4 + index % 1000 / 1000.0).ToString("0.0000", CultureInfo.InvariantCulture);
        var lon = (18 + index % 997 / 997.0).ToString("0.0000", CultureInfo.InvariantCulture);
        var contact = index % 10 == 0 ? $"\"contact\":{{\"phone\":\"+236 7{index % 10_000_000:D7}\"}},\"consentToContact\":true," : "";
        return $"{{\"description\":\"{Descriptions[index % Descriptions.Length]} (#{index})\",\"latitude\":{lat},\"longitude\":{lon}," +
               $"\"occurredAt\":\"2025-03-{1 + index % 28:D2}T0{index % 10}:15:00Z\",{contact}\"language\":\"fr\"," +
               $"\"missionCode\":\"{Mission}\",\"idempotencyKey\":\"web-{run}-{index:D7}\"}}";
    }
}
