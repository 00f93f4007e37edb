using System.Globalization;
using Npgsql;

namespace Amani.Bench.Import;

/// <summary>
/// Import benchmark (see bench/README.md). Generates (once) a 1,000,000-event GED CSV by resampling the real Syria and
/// CAR events, then, in one run and on the same file:
/// <list type="bullet">
/// <item>SQLite: the <c>sqlite3</c> shell's <c>.import</c> into a bare 48-column table, then <c>amani import ucdp-ged</c>
/// into a fresh data directory (mission BENCH with the CAR and Syria admin-1 and admin-2 boundaries);</item>
/// <item>PostgreSQL: <c>psql \copy</c> into a bare staging table, then <c>amani import ucdp-ged</c> into a fresh schema;</item>
/// </list>
/// printing events/s, peak memory (GNU time, max RSS) and the ratio against the bare load. With <c>--reimport</c> it
/// also times the unchanged re-import.
/// Usage: Amani.Bench.Import [--rows 1000000] [--file F] [--only sqlite|postgres] [--reimport]
///        Amani.Bench.Import generate --rows N --out F [--seed 42]
/// </summary>
public static class Program
{
    private static readonly string Root = BenchRoot.Find();
    /// <summary>The product's own launcher, as an analyst runs it (it builds first when the sources changed).</summary>
    private static readonly string Amani = Path.Combine(Root, "amani");
    private static readonly string SampleData = Path.Combine(Root, "src/Amani/SampleData");

    public static async Task<int> Main(string[] args)
    {
        var rows = Arg(args, "--rows") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 1_000_000;
        if (args.FirstOrDefault() == "generate")
        {
            var output = Arg(args, "--out") ?? throw new ArgumentException("generate needs --out FILE");
            await GenerateAsync(rows, output, Arg(args, "--seed") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 42);
            return 0;
        }
        var file = Arg(args, "--file") ?? Path.Combine(Root, "bench/.data", $"ged-{rows}.csv");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await GenerateAsync(rows, file, 42);
        }
        var only = Arg(args, "--only");
        var reimport = args.Contains("--reimport");
        var results = new List<string>();
        var pass = true;
        if (only is null or "sqlite")
            pass &= await SqliteAsync(file, rows, reimport, results);
        if (only is null or "postgres")
        {
            if (Environment.GetEnvironmentVariable("AMANI_BENCH_POSTGRES") is { } postgres)
                pass &= await PostgresAsync(postgres, file, rows, reimport, results);
            else
                results.Add("PostgreSQL: skipped ($AMANI_BENCH_POSTGRES is not set; bench/import.sh sets it).");
        }
        Console.WriteLine();
        foreach (var line in results)
            Console.WriteLine(line);
        Console.WriteLine(pass ? "PASS: every target met (≥ 50 % of the bare load, peak memory < 500 MB)." : "FAIL: a target was missed (see above).");
        return pass ? 0 : 1;
    }

    private static async Task GenerateAsync(int rows, string output, int seed)
    {
        var sources = new[] { Path.Combine(SampleData, "ucdp/ged191_events_syria_2016-2019.csv"), Path.Combine(SampleData, "ucdp/ged231_events_central_african_republic.csv") };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await GedGenerator.WriteAsync(sources, output, rows, seed);
        Console.WriteLine($"generated {rows:N0} events into {output} ({new FileInfo(output).Length / 1e6:F0} MB) in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task<bool> SqliteAsync(string file, int rows, bool reimport, List<string> results)
    {
        var directory = Directory.CreateTempSubdirectory("amani-bench-import-").FullName;
        try
        {
            var bare = Path.Combine(directory, "bare.db");
            var create = $"CREATE TABLE staging ({string.Join(", ", GedGenerator.Header.Select(c => $"\"{c}\" TEXT"))});";
            var shell = await TimedProcess.RunAsync("sqlite3", [bare], standardInput: $"{create}\n.import --csv --skip 1 {file} staging\n");
            Report(results, "SQLite", "sqlite3 .import into a bare table", rows, shell);
            var env = new Dictionary<string, string> { ["AMANI_DATA_DIR"] = directory, ["AMANI_DATABASE"] = "", ["AMANI_DEMO"] = "false" };
            var pass = await AmaniAsync("SQLite", env, file, rows, shell, reimport, results);
            Report(results, "SQLite", "database floor: the imported rows put back by sqlite3 INSERT … SELECT, one transaction (no client work)", rows,
                await DatabaseFloor.SqliteAsync(Path.Combine(directory, "amani.db")), shell, floor: true);
            return pass;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<bool> PostgresAsync(string connectionString, string file, int rows, bool reimport, List<string> results)
    {
        var schema = $"bench_import_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}";
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var directory = Directory.CreateTempSubdirectory("amani-bench-import-").FullName;
        try
        {
            var psqlEnv = new Dictionary<string, string>
            {
                ["PGHOST"] = builder.Host!, ["PGPORT"] = builder.Port.ToString(CultureInfo.InvariantCulture), ["PGUSER"] = builder.Username!,
                ["PGPASSWORD"] = builder.Password!, ["PGDATABASE"] = builder.Database!, ["PGOPTIONS"] = $"-c search_path={schema}",
            };
            var create = $"CREATE TABLE staging ({string.Join(", ", GedGenerator.Header.Select(c => $"\"{c}\" text"))});";
            await TimedProcess.RunAsync("psql", ["-v", "ON_ERROR_STOP=1", "-q", "-c", create], psqlEnv);
            var copy = await TimedProcess.RunAsync("psql", ["-v", "ON_ERROR_STOP=1", "-q", "-c", $"\\copy staging FROM '{file}' WITH (FORMAT csv, HEADER true)"], psqlEnv);
            Report(results, "PostgreSQL", "psql \\copy into a bare staging table", rows, copy);
            builder.SearchPath = schema;
            var env = new Dictionary<string, string> { ["AMANI_DATA_DIR"] = directory, ["AMANI_DATABASE"] = builder.ConnectionString, ["AMANI_DEMO"] = "false" };
            return await AmaniAsync("PostgreSQL", env, file, rows, copy, reimport, results);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Creates mission BENCH with the CAR and Syria admin-1/admin-2 boundaries, then times the import (and the re-import).</summary>
    private static async Task<bool> AmaniAsync(string label, Dictionary<string, string> env, string file, int rows, TimedProcess.Measurement bare,
        bool reimport, List<string> results)
    {
        await TimedProcess.RunAsync(Amani, ["missions", "create", "--code", "BENCH", "--name", "Benchmark", "--country", "SYR"], env);
        foreach (var (country, level) in new[] { ("caf", 1), ("caf", 2), ("syr", 1), ("syr", 2) })
        {
            var boundaries = Path.Combine(SampleData, $"geo/{country}_adm{level}.geojson");
            await TimedProcess.RunAsync(Amani, ["import", "areas", boundaries, "--mission", "BENCH", "--level", level.ToString(CultureInfo.InvariantCulture)], env);
        }
        var rejects = Path.Combine(env["AMANI_DATA_DIR"], "rejects.csv");
        string[] import = ["import", "ucdp-ged", file, "--mission", "BENCH", "--rejects", rejects];
        var first = await TimedProcess.RunAsync(Amani, import, env);
        var pass = Report(results, label, "amani import ucdp-ged (validate, resolve areas and cells, de-duplicate)", rows, first, bare);
        Console.WriteLine(first.Output.Trim());
        if (reimport)
        {
            var again = await TimedProcess.RunAsync(Amani, import, env);
            Report(results, label, "amani import ucdp-ged again (all unchanged)", rows, again, bare);
            Console.WriteLine(again.Output.Trim());
        }
        return pass;
    }

    private static bool Report(List<string> results, string label, string what, int rows, TimedProcess.Measurement measured, TimedProcess.Measurement? bare = null,
        bool floor = false)
    {
        var rate = rows / measured.Seconds;
        var line = $"{label}: {what}: {rows:N0} events in {measured.Seconds:F1} s = {rate:N0} events/s, peak memory {measured.PeakMegabytes:N0} MB";
        var pass = true;
        if (floor && bare is not null)
            line += $" — {bare.Seconds / measured.Seconds:P0} of the bare load: the most any import into these tables could reach";
        else if (bare is not null)
        {
            var ratio = measured.Seconds > 0 ? bare.Seconds / measured.Seconds : 0;
            pass = ratio >= 0.5 && measured.PeakMegabytes < 500;
            line += $" — {ratio:P0} of the bare load (target ≥ 50 %, < 500 MB: {(pass ? "met" : "MISSED")})";
        }
        Console.WriteLine(line);
        results.Add(line);
        return pass;
    }

    private static string? Arg(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
