using System.Globalization;

namespace Amani.Bench;

/// <summary>
/// <c>intake</c>: per database, starts a server, warms up, then measures the no-op endpoint (the ceiling) and
/// <c>POST /api/v1/reports</c> for the same time with the same connections, and prints one table for all.
/// </summary>
public static class IntakeBenchmark
{
    public static async Task<int> RunAsync(Options options, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Intake benchmark: {options.Seconds} s per target after {options.WarmupSeconds} s warm-up, {options.Connections} connections, " +
                          $"closed loop from one process on the same machine ({Environment.ProcessorCount} cores).");
        Console.WriteLine($"Anonymous rate limit lifted for the benchmark: AMANI_ANONYMOUS_RATE_LIMIT={AmaniServer.RateLimit} per minute " +
                          "(the default, 30 per address per minute, would answer 429 after 30 requests).");
        var rows = new List<(LoadResult Result, double? Ceiling)>();
        var notes = new List<string>();
        foreach (var (name, database) in options.Databases())
        {
            await using var server = new AmaniServer(options.ServerDll, Options.NewDataDirectory(name), database);
            await server.CreateMissionAsync(cancellationToken);
            await server.StartAsync(cancellationToken);
            notes.Add($"{name}: {await StoredReports.DurabilityAsync(server, cancellationToken)}");
            var run = Guid.NewGuid().ToString("N")[..8];
            var load = new LoadGenerator(server.Address);
            await load.RunAsync("warm-up noop", "/api/v1/bench/noop", i => ReportBodies.For("w" + run, i), options.Connections,
                TimeSpan.FromSeconds(options.WarmupSeconds / 2.0), cancellationToken);
            await load.RunAsync("warm-up reports", "/api/v1/reports", i => ReportBodies.For("w" + run, i), options.Connections,
                TimeSpan.FromSeconds(options.WarmupSeconds / 2.0), cancellationToken);
            var cpu = server.CpuTime();
            var ceiling = await load.RunAsync($"no-op POST ({name} server)", "/api/v1/bench/noop", i => ReportBodies.For(run, i), options.Connections,
                TimeSpan.FromSeconds(options.Seconds), cancellationToken);
            ceiling = ceiling with { ServerCpuMicroseconds = (server.CpuTime() - cpu).TotalMicroseconds / ceiling.Requests };
            var before = (await StoredReports.LoadAsync(server, cancellationToken)).Count;
            cpu = server.CpuTime();
            var reports = await load.RunAsync($"POST /api/v1/reports ({name})", "/api/v1/reports", i => ReportBodies.For(run, i), options.Connections,
                TimeSpan.FromSeconds(options.Seconds), cancellationToken);
            reports = reports with { ServerCpuMicroseconds = (server.CpuTime() - cpu).TotalMicroseconds / reports.Requests };
            var stored = (await StoredReports.LoadAsync(server, cancellationToken)).Count - before;
            notes.Add($"{name}: {reports.Succeeded} reports acknowledged with 201 in the measured run, {stored} rows added to community_reports.");
            rows.Add((ceiling, null));
            rows.Add((reports, ceiling.PerSecond));
            foreach (var failure in reports.FailureKinds.Concat(ceiling.FailureKinds))
                notes.Add($"{name}: {failure.Value} × {failure.Key}");
        }
        Print(rows);
        foreach (var note in notes)
            Console.WriteLine("  " + note);
        return 0;
    }

    private static void Print(List<(LoadResult Result, double? Ceiling)> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"{"target",-34} {"conns",5} {"requests",9} {"2xx/s",8} {"p50 ms",7} {"p99 ms",7} {"max ms",7} {"errors",6} {"vs no-op",8} {"srv CPU µs/req",14}");
        foreach (var (r, ceiling) in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Target,-34} {r.Connections,5} {r.Requests,9} {r.PerSecond,8:F0} {r.P50,7:F1} {r.P99,7:F1} {r.Max,7:F1} {r.Failed,6} " +
                $"{(ceiling is { } c ? (r.PerSecond / c).ToString("P0", CultureInfo.InvariantCulture) : "—"),8} {r.ServerCpuMicroseconds,14:F0}"));
        Console.WriteLine();
    }
}
