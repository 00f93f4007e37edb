using System.Diagnostics;
using System.Globalization;
using Amani.Governance.Surveys;
using Amani.Governance.Surveys.Analysis;
using Amani.Governance.Surveys.Rounds;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Amani.Bench.SurveyRounds;

/// <summary>
/// The stored-round analysis benchmark (issue 14), in-process (Release build, the product's own services, no HTTP):
/// N stored submissions (default 20,000) × Q questions (default 60) in 100 areas, one round over them; the analysis of one
/// question by area through the stored path — the round's record, <see cref="RoundData"/> reading the submissions' XML
/// from the database and building the weighted round, then <see cref="RoundAnalyst"/> — first (cold: the first time in
/// the process, nothing in the round cache) and warm (the same with an empty round cache), against two references
/// measured in the same run: a plain read of the same submissions' XML column, and the in-memory estimator alone.
/// Usage: Amani.Bench.SurveyRounds [--submissions 20000] [--questions 60] [--areas 100] [--runs 5] [--postgres]
/// </summary>
public static class Program
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(2);

    public static async Task<int> Main(string[] args)
    {
        var submissions = Int(args, "--submissions", 20_000);
        var questions = Int(args, "--questions", 60);
        var areas = Int(args, "--areas", 100);
        var runs = Int(args, "--runs", 5);
        var postgres = args.Contains("--postgres") ? Environment.GetEnvironmentVariable("AMANI_BENCH_POSTGRES") : null;
        if (args.Contains("--postgres") && string.IsNullOrEmpty(postgres))
        {
            Console.Error.WriteLine("--postgres needs AMANI_BENCH_POSTGRES (bench/surveys-rounds.sh creates a throw-away database).");
            return 2;
        }
        var database = postgres is null ? null : $"{postgres};Search Path=bench_rounds_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}";
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load {File.ReadAllText("/proc/loadavg").Trim()}");
        var dataDirectory = Directory.CreateTempSubdirectory("amani-bench-rounds-").FullName;
        try
        {
            var settings = AmaniSettings.Resolve(dataDirectory, database, null) with { SeedDemo = false };
            await new SchemaMigrator(settings.Database).MigrateAsync();
            await using var app = AmaniWebApp.Build(settings, services => services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
            Console.WriteLine($"\n== {(postgres is null ? "SQLite" : "PostgreSQL")}: {submissions:N0} stored submissions × {questions} questions, {areas} areas (strata)");
            var watch = Stopwatch.StartNew();
            var world = await World.SeedAsync(app.Services, settings.Database, submissions, questions, areas);
            Console.WriteLine($"seeded (form through the rules, submissions in bulk, round through the rules) in {watch.Elapsed.TotalSeconds:0.0} s");
            var ask = new RoundQuestion(World.Question(0), "area", null);

            var cold = await StoredAsync(app.Services, world.RoundId, ask);
            Console.WriteLine($"first (cold) analysis: {Ms(cold.Total)} — record {Ms(cold.Record)}, read + build {Ms(cold.Load)}, estimate {Ms(cold.Estimate)}; CPU {Ms(cold.Cpu)} (of which JIT compilation {Ms(cold.Jit)}); "
                + $"{cold.Respondents:N0} respondents, {cold.Estimates} estimates");
            var timings = new Dictionary<string, List<TimeSpan>>();
            void Keep(string what, TimeSpan time) => (timings.TryGetValue(what, out var list) ? list : timings[what] = []).Add(time);
            for (var run = 0; run < runs; run++)
            {
                var stored = await StoredAsync(app.Services, world.RoundId, ask);
                Keep("stored path, warm (empty round cache)", stored.Total);
                Keep("  its CPU time (all threads of the process)", stored.Cpu);
                Keep("  of which the round's record", stored.Record);
                Keep("  of which read the XML + build the weighted round", stored.Load);
                Keep("  of which the estimate (round in memory)", stored.Estimate);
                Keep("again with the round cached (a repeated request)", stored.Cached);
                Keep("reference: plain read of the XML column", await PlainReadAsync(app.Services, world.RoundId, false));
                Keep("reference: the same read + an XmlReader pass over each", await PlainReadAsync(app.Services, world.RoundId, true));
                Keep("reference: the in-memory estimator alone", stored.EstimatorAlone);
            }
            TimeSpan Median(string what) => timings[what].Order().ElementAt(timings[what].Count / 2);
            Console.WriteLine($"\n{"figure",-58} {"median",10} {"min",10} {"max",10}");
            foreach (var (what, list) in timings)
                Console.WriteLine($"{what,-58} {Ms(Median(what)),10} {Ms(list.Min()),10} {Ms(list.Max()),10}");
            var warm = Median("stored path, warm (empty round cache)");
            var read = Median("reference: plain read of the XML column");
            var estimator = Median("reference: the in-memory estimator alone");
            var met = cold.Total <= Target && warm <= Target;
            Console.WriteLine($"\nanalysis by area through the stored path: cold {Ms(cold.Total)}, warm {Ms(warm)} — target ≤ {Ms(Target)}: {(met ? "met" : "MISSED")}; "
                + $"{cold.Total / read:0.0} × (cold) and {warm / read:0.0} × (warm) the plain read of the XML ({Ms(read)}); the estimator alone {Ms(estimator)}");
            Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
            return met ? 0 : 1;
        }
        finally
        {
            if (database is not null)
                await DropSchemaAsync(database);
            NpgsqlConnection.ClearAllPools();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, true);
        }
    }

    private sealed record Stored(TimeSpan Total, TimeSpan Record, TimeSpan Load, TimeSpan Estimate, TimeSpan Cached, TimeSpan EstimatorAlone, int Respondents, int Estimates,
        TimeSpan Cpu, TimeSpan Jit);

    /// <summary>The analysis as the API runs it (record, RoundData, RoundAnalyst), with a round cache of its own, empty.</summary>
    private static Task<Stored> StoredAsync(IServiceProvider services, Guid roundId, RoundQuestion ask) => Scoped(services, async s =>
    {
        var db = s.GetRequiredService<AmaniDbContext>();
        var data = new RoundData(db, s.GetRequiredService<RoundBook>(), new RoundCache(), s.GetRequiredService<PointStrata>());
        var analyst = new RoundAnalyst(data);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var watch = Stopwatch.StartNew();
        var round = await db.Set<SurveyRoundRecord>().AsNoTracking().Include(r => r.Strata).SingleAsync(r => r.Id == roundId);
        var record = watch.Elapsed;
        var loaded = await data.LoadAsync(round, CancellationToken.None);
        var load = watch.Elapsed - record;
        var outcome = await analyst.AnalyseAsync(round, ask, 1, CancellationToken.None);
        var total = watch.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        jit = System.Runtime.JitInfo.GetCompilationTime() - jit;
        var estimates = outcome.Value?.Analysis.Estimates.Count ?? throw new InvalidOperationException(outcome.Refusal!.Message);
        watch.Restart();
        await analyst.AnalyseAsync(round, ask, 1, CancellationToken.None);
        var cached = watch.Elapsed;
        watch.Restart();
        var alone = SurveyEstimator.Analyse(loaded.Round!, new AnalysisRequest([[ask.By!]], [], 1, [ask.Question!]));
        var estimator = watch.Elapsed;
        if (!alone.Succeeded)
            throw new InvalidOperationException(alone.Problems[0].Message);
        return new Stored(total, record, load, total - record - load, cached, estimator, loaded.Round!.Design.Respondents, estimates, cpu, jit);
    });

    /// <summary>The same submissions' XML read as RoundData selects them, each string only measured (or only parsed: every node read, nothing kept).</summary>
    private static Task<TimeSpan> PlainReadAsync(IServiceProvider services, Guid roundId, bool parse) => Scoped(services, async s =>
    {
        var db = s.GetRequiredService<AmaniDbContext>();
        var round = await db.Set<SurveyRoundRecord>().AsNoTracking().SingleAsync(r => r.Id == roundId);
        var (from, to) = (round.FieldworkStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), round.FieldworkEnd.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var watch = Stopwatch.StartNew();
        long characters = 0;
        await foreach (var xml in db.Set<Submission>().AsNoTracking()
                           .Where(x => x.FormId == round.FormId && x.ReceivedAt >= from && x.ReceivedAt < to && x.ReviewState != ReviewState.Rejected)
                           .OrderBy(x => x.Id).Select(x => x.Xml).AsAsyncEnumerable())
        {
            characters += xml.Length;
            if (!parse)
                continue;
            using var reader = System.Xml.XmlReader.Create(new StringReader(xml), Amani.Governance.Surveys.XFormPaths.Safe);
            while (reader.Read())
                characters++;
        }
        return characters > 0 ? watch.Elapsed : throw new InvalidOperationException("no submission read");
    });

    internal static async Task<T> Scoped<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Actor = "bench";
        scope.ServiceProvider.GetRequiredService<AmaniDbContext>().Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
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

    private static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:N0} ms";

    private static int Int(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
