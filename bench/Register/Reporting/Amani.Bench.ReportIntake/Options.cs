namespace Amani.Bench;

/// <summary>Command-line options: <c>intake|crash [--seconds N] [--warmup N] [--connections C] [--only sqlite|postgres]</c>.</summary>
public sealed record Options(string Command, string ServerDll, int Seconds, int WarmupSeconds, int Connections, string? Only, string? Postgres)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }
        var root = BenchRoot.Find();
        return new Options(args.FirstOrDefault() ?? "intake",
            Value("--server", Path.Combine(root, "src/Amani/bin/Release/net10.0/Amani.dll")),
            int.Parse(Value("--seconds", "15")), int.Parse(Value("--warmup", "6")), int.Parse(Value("--connections", "32")),
            args.Contains("--only") ? Value("--only", "") : null,
            Environment.GetEnvironmentVariable("AMANI_BENCH_POSTGRES") is { Length: > 0 } cs ? cs : null);
    }

    /// <summary>The databases to run against: SQLite (a fresh file) and PostgreSQL (a fresh schema) when a connection string is set.</summary>
    public IEnumerable<(string Name, string? Database)> Databases()
    {
        if (Only is null or "sqlite")
            yield return ("SQLite", null);
        if (Only is null or "postgres")
        {
            if (Postgres is null)
                Console.WriteLine("PostgreSQL skipped: set AMANI_BENCH_POSTGRES to a connection string (bench/run.sh creates a throw-away database).");
            else
                yield return ("PostgreSQL", $"{Postgres};Search Path=bench_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}");
        }
    }

    public static string NewDataDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"amani-bench-{name.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(path);
        return path;
    }
}
