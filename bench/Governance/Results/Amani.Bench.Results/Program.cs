using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Amani.Analysis.Aggregates;
using Amani.Foundation.Areas;
using Amani.Governance.Results;
using Amani.Governance.Results.Computation;
using Amani.Governance.Results.Values;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Hosting;
using Amani.Platform.Measures;
using Amani.Register.Incidents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Amani.Bench.Results;

/// <summary>
/// The results framework's benchmark (issue 13), in-process (Release build, the product's own services; the API through
/// Kestrel on 127.0.0.1): N incidents (default 1,000,000) over 2021–2025 in 100 districts, a plan of 300 indicators
/// (100 computed). Measures the full recomputation (first, then again with nothing changed), the time from one incident's
/// PUT until the affected computed value is current, and GET of the plan and of an indicator; each with its target and
/// a reference measured in the same run.
/// Usage: Amani.Bench.Results [--rows 1000000] [--requests 50] [--changes 5] [--postgres]
/// </summary>
public static class Program
{
    private static readonly List<(string Figure, string Value, string Target, string Reference)> Table = [];

    public static async Task<int> Main(string[] args)
    {
        var rows = Arg(args, "--rows") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 1_000_000;
        var requests = Arg(args, "--requests") is { } q ? int.Parse(q, CultureInfo.InvariantCulture) : 50;
        var changes = Arg(args, "--changes") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : 5;
        var postgres = args.Contains("--postgres") ? Environment.GetEnvironmentVariable("AMANI_BENCH_POSTGRES") : null;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load {File.ReadAllText("/proc/loadavg").Trim()}");
        var missed = await RunAsync(postgres is null ? "SQLite" : "PostgreSQL",
            postgres is null ? null : $"{postgres};Search Path=bench_results_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}", rows, requests, changes);
        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return missed ? 1 : 0;
    }

    private static async Task<bool> RunAsync(string label, string? database, int rows, int requests, int changes)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("amani-bench-results-").FullName;
        try
        {
            var settings = AmaniSettings.Resolve(dataDirectory, database, null) with { SeedDemo = false, Urls = "http://127.0.0.1:0" };
            await new SchemaMigrator(settings.Database).MigrateAsync();
            await using var app = AmaniWebApp.Build(settings, services => services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
            Console.WriteLine($"\n== {label}, {rows:N0} incidents");
            var watch = Stopwatch.StartNew();
            var mission = await World.MissionAsync(app.Services);
            await World.IncidentsAsync(app.Services, settings.Database, mission.Id, rows);
            Console.WriteLine($"incidents loaded: {rows:N0} in {watch.Elapsed.TotalSeconds:0} s");
            watch.Restart();
            await Scoped(app.Services, s => s.GetRequiredService<AggregateRefresher>().RebuildAsync(mission.Id, CancellationToken.None));
            Console.WriteLine($"aggregates rebuilt (so that the server's refresher starts with nothing stale) in {watch.Elapsed.TotalSeconds:0} s");
            var world = await World.PlanAsync(app.Services, mission);

            // Full recomputation, before the server (and its background computation) starts.
            var first = await Scoped(app.Services, s => s.GetRequiredService<IndicatorComputer>().ComputeAsync(mission.Id, null, null, null, CancellationToken.None));
            var again = await Scoped(app.Services, s => s.GetRequiredService<IndicatorComputer>().ComputeAsync(mission.Id, null, null, null, CancellationToken.None));
            var read = await Scoped(app.Services, async s =>
            {
                var source = s.GetServices<IMeasureSource>().Single(m => m.Source == "incidents");
                var span = await s.GetRequiredService<IndicatorComputer>().SpanAsync(mission.Id, CancellationToken.None);
                var started = Stopwatch.StartNew();
                var facts = await source.ReadAsync(s.GetRequiredService<AmaniDbContext>(), source.Measures[0],
                    new MeasureRequest(mission.Id, span.From, span.Until, false, new Dictionary<string, int>()), CancellationToken.None);
                return (started.Elapsed, facts.Count);
            });
            Console.WriteLine($"full recomputation, first (every value written): {first.Elapsed.TotalSeconds:0.0} s — {first.Indicators} indicators, {first.Written:N0} values written");
            Console.WriteLine($"full recomputation, again (nothing changed): {again.Elapsed.TotalSeconds:0.0} s — {again.Unchanged:N0} values unchanged");
            Console.WriteLine($"reference: the grouped read of the incidents alone (whole span, one read): {read.Elapsed.TotalSeconds:0.00} s, {read.Count:N0} facts");
            Row("full recomputation, first", first.Elapsed, TimeSpan.FromSeconds(30), read.Elapsed, "grouped incident read");
            Row("full recomputation, nothing changed", again.Elapsed, TimeSpan.FromSeconds(30), read.Elapsed, "grouped incident read");

            // The server, with its background services: the aggregate refresher and the computation (which recomputes everything at start).
            app.Services.GetRequiredService<MeasureChanges>().Reader.TryRead(out _); // the rebuild's announcement, already handled by the recomputation above
            while (app.Services.GetRequiredService<MeasureChanges>().Reader.TryRead(out _)) { }
            var started = DateTime.UtcNow;
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.Token);
            watch.Restart();
            while (await Scoped(app.Services, s => s.GetRequiredService<AmaniDbContext>().Set<Indicator>()
                       .AnyAsync(i => i.MissionId == mission.Id && i.MeasureKey != null && (i.ComputedAt == null || i.ComputedAt < started))))
                await Task.Delay(200);
            Console.WriteLine($"server started; its start-up recomputation done after {watch.Elapsed.TotalSeconds:0.0} s");

            var latencies = await IncidentChangesAsync(app.Services, client, world, changes);
            var reference = latencies.Select(l => l.Compute).Order().ToList();
            Row("incident PUT → computed value current (median)", Median(latencies.Select(l => l.Total)), TimeSpan.FromSeconds(5), Median(reference),
                "the incident recomputation alone, run directly");
            Row("incident PUT → computed value current (worst)", latencies.Max(l => l.Total), TimeSpan.FromSeconds(5), reference[^1], "same, worst");

            var heaviest = world.Indicators.First(i => i.Code == "C002");
            var plan = await TimeAsync(client, $"/api/v1/missions/{World.Code}/plan", requests);
            var indicator = await TimeAsync(client, $"/api/v1/indicators/{heaviest.Id}", requests);
            var values = await TimeAsync(client, $"/api/v1/indicators/{heaviest.Id}/values?from=202501", requests);
            // The pages themselves (server-rendered HTML, the same bearer token: the page scheme takes it as the API does).
            var planPage = await TimeAsync(client, $"/missions/{World.Code}/results", requests);
            var indicatorPage = await TimeAsync(client, $"/missions/{World.Code}/results/indicators/{heaviest.Id}", requests);
            var baseline = await TimeAsync(client, $"/api/v1/missions/{World.Code}", requests);
            foreach (var (what, times) in new[] { ("GET plan (300 indicators)", plan), ("GET indicator C002", indicator), ("GET indicator C002 values 2025-", values),
                         ("plan page (300 indicators, HTML)", planPage), ("indicator page C002 (HTML)", indicatorPage) })
            {
                Row($"{what} p50", Percentile(times.Times, 0.5), TimeSpan.FromMilliseconds(300), Percentile(baseline.Times, 0.5), "GET mission p50");
                Row($"{what} p95", Percentile(times.Times, 0.95), TimeSpan.FromMilliseconds(300), Percentile(baseline.Times, 0.95), "GET mission p95");
                Console.WriteLine($"{what}: {times.Bytes:N0} bytes");
            }
            await app.StopAsync();
            return PrintTable(label);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
            if (database is not null)
                await DropSchemaAsync(database);
        }
    }

    private sealed record Latency(TimeSpan Total, TimeSpan Compute);

    /// <summary>
    /// Changes one incident at a time through <c>PUT /api/v1/incidents/{id}</c> (its deaths and civilian deaths + 7) and polls the
    /// value of C002 (civilian deaths by district and month) for its district and month until it shows the change; then,
    /// as a reference, times the recomputation the change triggers (the incident indicators, the year around it) run directly.
    /// </summary>
    private static async Task<List<Latency>> IncidentChangesAsync(IServiceProvider services, HttpClient client, World.Seeded world, int count)
    {
        var indicator = world.Indicators.First(i => i.Code == "C002");
        var result = new List<Latency>();
        var random = new Random(7);
        for (var n = 0; n < count; n++)
        {
            var (id, area, month) = await Scoped(services, async s =>
            {
                var db = s.GetRequiredService<AmaniDbContext>();
                var at = World.From.AddDays(random.Next(5 * 365));
                var incident = await db.Set<Incident>().AsNoTracking().Where(i => i.MissionId == world.Mission.Id && i.OccurredFrom >= at).OrderBy(i => i.OccurredFrom).FirstAsync();
                var pCode = await db.AdminAreas.Where(a => a.Id == incident.AreaId).Select(a => a.PCode).SingleAsync();
                return (incident.Id, pCode, Period.Of(DateOnly.FromDateTime(incident.OccurredFrom), IndicatorFrequency.Monthly).Id);
            });
            var before = await ValueAsync(services, indicator.Id, area, month);
            var get = await client.GetAsync($"/api/v1/incidents/{id}");
            var body = JsonNode.Parse(await get.Content.ReadAsStringAsync())!.AsObject();
            body["civilianFatalities"] = (body["civilianFatalities"]?.GetValue<int>() ?? 0) + 7;
            body["fatalitiesBest"] = (body["fatalitiesBest"]?.GetValue<int>() ?? 0) + 7; // civilian deaths never exceed the deaths
            var watch = Stopwatch.StartNew();
            using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/incidents/{id}") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            put.Headers.IfMatch.Add(get.Headers.ETag!);
            var response = await client.SendAsync(put);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"PUT incident: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            while (await ValueAsync(services, indicator.Id, area, month) != before + 7)
            {
                if (watch.Elapsed > TimeSpan.FromMinutes(2))
                    throw new TimeoutException($"C002 {area} {month} did not change within 2 minutes");
                await Task.Delay(50);
            }
            var total = watch.Elapsed;
            var year = new DateOnly(int.Parse(month[..4], CultureInfo.InvariantCulture), 1, 1);
            var compute = await Scoped(services, s => s.GetRequiredService<IndicatorComputer>().ComputeAsync(world.Mission.Id, "incidents", year, year.AddYears(1), CancellationToken.None));
            Console.WriteLine($"incident change {n + 1}: {area} {month}, value {before} → {before + 7} current after {total.TotalMilliseconds:0} ms; " +
                              $"the recomputation alone ({compute.Indicators} indicators, {year.Year}): {compute.Elapsed.TotalMilliseconds:0} ms");
            result.Add(new Latency(total, compute.Elapsed));
            await Task.Delay(2500); // let the refresher's next pass find nothing stale
        }
        return result;
    }

    private static Task<double?> ValueAsync(IServiceProvider services, Guid indicatorId, string area, string period) => Scoped(services, s =>
        s.GetRequiredService<AmaniDbContext>().Set<IndicatorValue>().Where(v => v.IndicatorId == indicatorId && v.AreaCode == area && v.Period == period && v.Disaggregation == "")
            .Select(v => (double?)v.Value).SingleOrDefaultAsync());

    private static async Task<(List<TimeSpan> Times, long Bytes)> TimeAsync(HttpClient client, string path, int count)
    {
        var times = new List<TimeSpan>();
        long bytes = 0;
        for (var i = 0; i < count + 5; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            var content = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(content)}");
            if (i >= 5) // five warm-up requests
                times.Add(watch.Elapsed);
            bytes = content.Length;
        }
        return (times, bytes);
    }

    private static void Row(string figure, TimeSpan value, TimeSpan target, TimeSpan reference, string referenceName) =>
        Table.Add((figure, Format(value), $"{Format(target)} ({value / target:0.00}×{(value <= target ? "" : " MISSED")})", $"{Format(reference)} {referenceName} ({value / reference:0.0}×)"));

    private static bool PrintTable(string label)
    {
        Console.WriteLine($"\n{label}: figure | measured | target (measured ÷ target) | reference measured in the same run (measured ÷ reference)");
        foreach (var (figure, value, target, reference) in Table)
            Console.WriteLine($"  {figure,-48} | {value,9} | {target,-22} | {reference}");
        return Table.Any(t => t.Target.Contains("MISSED"));
    }

    private static string Format(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.00} s" : $"{t.TotalMilliseconds:0} ms";

    private static TimeSpan Median(IEnumerable<TimeSpan> times) => Percentile(times.ToList(), 0.5);

    private static TimeSpan Percentile(List<TimeSpan> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    internal static async Task<T> Scoped<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Actor = "bench";
        var db = scope.ServiceProvider.GetRequiredService<AmaniDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        return await action(scope.ServiceProvider);
    }

    private static async Task DropSchemaAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var schema = builder.SearchPath!;
        builder.SearchPath = null;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string? Arg(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
