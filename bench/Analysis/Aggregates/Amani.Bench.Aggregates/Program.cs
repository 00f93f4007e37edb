using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amani.Analysis.Aggregates;
using Amani.Foundation.Areas;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Hosting;
using Amani.Analysis.Hotspots;
using Amani.Register.Imports;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;
using Amani.Bench.Export;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Amani.Bench.Aggregates;

/// <summary>
/// Times the aggregates and the hot-spot analysis in-process (Release build, the product's own services, no HTTP):
/// <list type="number">
/// <item>Syria: the shipped boundaries and 16,566 UCDP GED events loaded with the importers; a full rebuild, a one-month
/// refresh, and each kind of hot-spot map, computed without the result cache (neighbour lists cold, then warm).</item>
/// <item>N synthetic incidents (default 1,000,000; the export benchmark's generator, 2000–2024) in a CAF mission with its 90
/// areas, each incident given a random district and its PRIO-GRID cell: full rebuild, one-month refresh, hot spots.</item>
/// </list>
/// Usage: Amani.Bench.Aggregates [--rows 1000000] [--only sqlite|postgres]
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var rows = Arg(args, "--rows") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 1_000_000;
        var only = Arg(args, "--only");
        var postgres = Environment.GetEnvironmentVariable("AMANI_BENCH_POSTGRES");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load {File.ReadAllText("/proc/loadavg").Trim()}");
        if (only is null or "sqlite")
            await RunAsync("SQLite", null, rows);
        if (only is null or "postgres")
        {
            if (postgres is null)
                Console.WriteLine("PostgreSQL: skipped ($AMANI_BENCH_POSTGRES is not set; bench/hotspots.sh sets it).");
            else
                await RunAsync("PostgreSQL", $"{postgres};Search Path=bench_aggregates_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}", rows);
        }
        return 0;
    }

    private static async Task RunAsync(string label, string? database, int rows)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("amani-bench-aggregates-").FullName;
        try
        {
            var settings = AmaniSettings.Resolve(dataDirectory, database, null) with { SeedDemo = false };
            await new SchemaMigrator(settings.Database).MigrateAsync();
            await using var app = AmaniWebApp.Build(settings, services => services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
            Console.WriteLine($"\n== {label}");
            var syria = await LoadSyriaAsync(app.Services);
            await MeasureAsync(app.Services, syria, "Syria (16,566 events)", [("admin2, whole period", UnitKind.Admin2, null, null, false),
                ("admin2, 2019", UnitKind.Admin2, "2019-01", "2019-12", false), ("admin1, whole period", UnitKind.Admin1, null, null, false),
                ("cells, whole period", UnitKind.Cell, null, null, false), ("admin2 space-time, 47 months", UnitKind.Admin2, null, null, true),
                ("cells space-time, 47 months", UnitKind.Cell, null, null, true)]);
            var bench = await LoadSyntheticAsync(app.Services, settings.Database, rows);
            await MeasureAsync(app.Services, bench, $"synthetic ({rows:N0} incidents)", [("admin2, whole period", UnitKind.Admin2, null, null, false),
                ("cells, whole period", UnitKind.Cell, null, null, false), ("admin2 space-time, 2023–2024", UnitKind.Admin2, "2023-01", "2024-12", true)]);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
            if (database is not null && Environment.GetEnvironmentVariable("AMANI_BENCH_KEEP") is null)
                await DropSchemaAsync(database);
            else if (database is not null)
                Console.WriteLine($"kept: {new NpgsqlConnectionStringBuilder(database).SearchPath}");
        }
    }

    private static async Task MeasureAsync(IServiceProvider services, Mission mission, string what,
        (string Label, UnitKind Unit, string? From, string? To, bool SpaceTime)[] maps)
    {
        Console.WriteLine($"-- {what}");
        var rebuilds = new List<AggregateRefresher.Outcome>();
        for (var i = 0; i < 3; i++)
            rebuilds.Add(await Scoped(services, s => s.GetRequiredService<AggregateRefresher>().RebuildAsync(mission.Id, CancellationToken.None)));
        Console.WriteLine($"rebuild: {Ms(rebuilds.Select(o => o.Elapsed))} ({rebuilds[0].AreaRows:N0} area rows, {rebuilds[0].CellRows:N0} cell rows)");

        var busiest = await Scoped(services, s => s.GetRequiredService<AmaniDbContext>().Set<CellMonthAggregate>().Where(a => a.MissionId == mission.Id)
            .GroupBy(a => a.MonthId).OrderByDescending(g => g.Sum(a => a.Events)).Select(g => g.Key).FirstAsync());
        var refreshes = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
            refreshes.Add(await Scoped(services, async s =>
            {
                var db = s.GetRequiredService<AmaniDbContext>();
                await AggregateSlices.MarkDirtyAsync(db, mission.Id, [busiest], CancellationToken.None);
                return (await s.GetRequiredService<AggregateRefresher>().RefreshAsync(mission.Id, CancellationToken.None)).Elapsed;
            }));
        Console.WriteLine($"refresh of its busiest month ({MonthIds.Format(busiest)}): {Ms(refreshes)}");

        var neighbours = new SpatialNeighbours(); // cold: each kind of unit's first map reads the boundaries and builds the neighbour lists
        foreach (var (label, unit, from, to, spaceTime) in maps)
        {
            var times = new List<TimeSpan>();
            object? result = null;
            for (var i = 0; i < 3; i++)
                times.Add(await Scoped(services, async s =>
                {
                    var watch = Stopwatch.StartNew();
                    var reader = s.GetRequiredService<AggregateReader>();
                    var query = AnalysisQuery.Parse(AnalysisQuery.UnitName(unit), from, to, null, [unit]).Value!;
                    var months = await reader.MonthsWithDataAsync(mission.Id, unit, CancellationToken.None);
                    var analysis = new HotspotAnalysis(s.GetRequiredService<AmaniDbContext>(), reader, neighbours, new HotspotCache());
                    result = await analysis.ComputeAsync(mission, new HotspotAnalysis.Request(query, HotspotMeasure.Events, spaceTime,
                        [Confidentiality.Public, Confidentiality.Mission]), query.From ?? months?.First, query.To ?? months?.Last, CancellationToken.None);
                    return watch.Elapsed;
                }));
            var method = result switch { HotspotMap m => m.Method, EmergingHotspotMap e => e.Method, _ => null };
            Console.WriteLine($"hot spots, {label} ({method?.Units} units, {method?.Bins} bins): first {times[0].TotalMilliseconds:0} ms, " +
                              $"then {Ms(times.Skip(1))}");
        }
    }

    private static string Ms(IEnumerable<TimeSpan> times) => string.Join(" / ", times.Select(t => $"{t.TotalMilliseconds:0} ms"));

    private static async Task<T> Scoped<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Actor = "bench";
        return await action(scope.ServiceProvider);
    }

    private static string SampleData(params string[] parts) =>
        Path.Combine([BenchRoot.Find(), "src", "Amani", "SampleData", .. parts]);

    private static async Task<Mission> LoadSyriaAsync(IServiceProvider services)
    {
        var watch = Stopwatch.StartNew();
        var mission = await CreateMissionAsync(services, "SYRIA", "SYR", "SY", "Syria", SampleData("geo", "syr_adm0.geojson"),
            SampleData("geo", "syr_adm1.geojson"), SampleData("geo", "syr_adm2.geojson"));
        var result = await Scoped(services, s => s.GetRequiredService<IncidentImporter>().ImportAsync(mission, new GedMapper(),
            SampleData("ucdp", "ged191_events_syria_2016-2019.csv"), new ImportOptions { RejectsPath = Path.GetTempFileName() }, CancellationToken.None));
        Console.WriteLine($"Syria loaded with the importers: {result.Value!.Inserted:N0} events in {watch.Elapsed.TotalSeconds:0.0} s");
        return mission;
    }

    private static async Task<Mission> LoadSyntheticAsync(IServiceProvider services, DatabaseTarget database, int rows)
    {
        var watch = Stopwatch.StartNew();
        var mission = await CreateMissionAsync(services, "BENCH", "CAF", "CF", "Central African Republic", SampleData("geo", "caf_adm0.geojson"),
            SampleData("geo", "caf_adm1.geojson"), SampleData("geo", "caf_adm2.geojson"));
        var postgres = database.Provider == DatabaseProvider.Postgres;
        if (postgres)
            await IncidentLoader.LoadPostgresAsync(database.ConnectionString, mission.Id, rows);
        else
            await IncidentLoader.LoadSqliteAsync(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource, mission.Id, rows);
        // Each incident in a random district (so it counts for its district, province and country) and in its PRIO-GRID cell.
        await Scoped(services, async s =>
        {
            var db = s.GetRequiredService<AmaniDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var districts = await db.AdminAreas.Where(a => a.MissionId == mission.Id && a.Level == 2).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
            var offset = postgres ? $"floor(random() * {districts.Count})::int" : $"abs(random()) % {districts.Count}";
            var cell = postgres
                ? "floor((latitude + 90) / 0.5)::int * 720 + floor((longitude + 180) / 0.5)::int + 1"
                : "CAST((latitude + 90) / 0.5 AS INTEGER) * 720 + CAST((longitude + 180) / 0.5 AS INTEGER) + 1";
            var assign = "UPDATE incidents SET prio_grid_cell = " + cell + ", area_id = (SELECT a.id FROM admin_areas a WHERE a.mission_id = incidents.mission_id " +
                         "AND a.level = 2 ORDER BY a.id LIMIT 1 OFFSET " + offset + ") WHERE mission_id = {0}";
            await db.Database.ExecuteSqlRawAsync(assign, mission.Id);
            if (postgres)
                await db.Database.ExecuteSqlRawAsync("ANALYZE incidents");
            return 0;
        });
        Console.WriteLine($"synthetic incidents loaded: {rows:N0} in {watch.Elapsed.TotalSeconds:0} s");
        return mission;
    }

    private static Task<Mission> CreateMissionAsync(IServiceProvider services, string code, string country, string countryCode, string countryName,
        string adm0, string adm1, string adm2) => Scoped(services, async s =>
    {
        var mission = (await s.GetRequiredService<MissionRules>().CreateAsync(new CreateMissionRequest(code, code, country, null), CancellationToken.None)).Value!;
        using var outline = JsonDocument.Parse(await File.ReadAllBytesAsync(adm0));
        await s.GetRequiredService<AreaRules>().AddAsync(mission, new CreateAreaRequest(countryCode, countryName, 0, null,
            outline.RootElement.GetProperty("features")[0].GetProperty("geometry").Clone(), null, null), CancellationToken.None);
        await s.GetRequiredService<AmaniDbContext>().SaveChangesAsync();
        foreach (var (file, level) in new[] { (adm1, 1), (adm2, 2) })
        {
            await using var stream = File.OpenRead(file);
            await s.GetRequiredService<AreaImporter>().ImportAsync(mission, stream, new AreaImportOptions(level), CancellationToken.None);
        }
        return mission;
    });

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
