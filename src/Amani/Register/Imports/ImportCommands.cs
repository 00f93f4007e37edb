using Amani.Platform.Cli;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Amani.Platform.Data;
using Amani.Register.Imports;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Amani.Foundation.Missions;

namespace Amani.Register.Imports;

/// <summary><c>./amani import …</c>: load datasets into a mission, with progress, a summary table and a rejects CSV.</summary>
public static class ImportCommands
{
    /// <summary>Adds the incident imports (<c>ucdp-ged</c>, <c>acled</c>) to <c>./amani import</c>.</summary>
    public static void AddTo(Command import)
    {
        import.Subcommands.Add(IncidentImport("ucdp-ged", "UCDP GED event CSV (19.1 or 23.1 columns) as incidents; GED id = external id.", () => new GedMapper()));
        import.Subcommands.Add(IncidentImport("acled", "ACLED export CSV (31 columns; current and pre-2019 event types; all its date formats) as incidents; event_id_cnty = external id.", () => new AcledMapper()));
    }

    /// <summary>A command that imports incidents with the mapper <paramref name="mapper"/> makes (one per file).</summary>
    public static Command IncidentImport(string name, string description, Func<IIncidentRowMapper> mapper)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The CSV file (UTF-8 with or without BOM; Latin-1 is detected and decoded)." };
        var mission = new Option<string>("--mission") { Description = "Code of the mission to import into, e.g. MINUSCA.", Required = true };
        var rejects = new Option<string?>("--rejects") { Description = "Where to write the rejected rows (default: FILE's name + .rejects.csv, next to it)." };
        var batch = new Option<int>("--batch-size") { Description = "Rows per committed batch.", DefaultValueFactory = _ => 5_000 };
        var command = new Command(name, description) { file, mission, rejects, batch };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            var code = parse.GetValue(mission)!.Trim().ToUpperInvariant();
            var target = await services.GetRequiredService<AmaniDbContext>().Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Code == code, ct);
            if (target is null)
                return CliHost.Fail($"There is no mission {code}. See ./amani missions list.");
            if (parse.GetValue(batch) is < 1 or > 100_000)
                return CliHost.Fail("--batch-size must be between 1 and 100000.");
            var path = parse.GetValue(file)!.FullName;
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(Console.Out), Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
                ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            });
            var options = new ImportOptions
            {
                BatchSize = parse.GetValue(batch), RejectsPath = parse.GetValue(rejects), CompactHeapEvery = ImportOptions.CommandLineCompactHeapEvery,
            };
            var importer = services.GetRequiredService<IncidentImporter>();
            var result = Console.IsOutputRedirected
                ? await importer.ImportAsync(target, mapper(), path, options with { Progress = PlainProgress(TimeSpan.FromSeconds(5)) }, ct)
                : await WithProgressBarAsync(console, options, o => importer.ImportAsync(target, mapper(), path, o, ct));
            if (!result.Succeeded)
                return CliHost.Fail(result.Error!);
            PrintSummary(console, result.Value!);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static async Task<Result<ImportSummary>> WithProgressBarAsync(IAnsiConsole console, ImportOptions options,
        Func<ImportOptions, Task<Result<ImportSummary>>> run)
    {
        Result<ImportSummary>? result = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Importing", maxValue: 1);
                var clock = Stopwatch.StartNew();
                result = await run(options with
                {
                    Progress = p =>
                    {
                        task.MaxValue = Math.Max(1, p.TotalBytes);
                        task.Value = Math.Min(p.Bytes, p.TotalBytes);
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{p.Rows:N0} rows, {p.Rows / Math.Max(0.001, clock.Elapsed.TotalSeconds):N0} rows/s");
                    },
                });
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>A progress line at most every <paramref name="interval"/>, for logs and pipes.</summary>
    internal static Action<ImportProgress> PlainProgress(TimeSpan interval)
    {
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        return p =>
        {
            if (clock.Elapsed - last < interval)
                return;
            last = clock.Elapsed;
            var fraction = p.TotalBytes == 0 ? 1 : (double)p.Bytes / p.TotalBytes;
            var eta = fraction > 0 ? clock.Elapsed * ((1 - fraction) / fraction) : TimeSpan.Zero;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.Rows:N0} rows read ({p.Rows / clock.Elapsed.TotalSeconds:N0} rows/s), {fraction:P0} of the file, about {eta.TotalSeconds:N0} s left, {p.Rejected:N0} rejected"));
        };
    }

    private static void PrintSummary(IAnsiConsole console, ImportSummary summary)
    {
        var table = new Table().AddColumn("rows").AddColumn(new TableColumn("count").RightAligned())
            .Title($"{summary.Source} → {summary.Mission}");
        foreach (var (label, count) in new[] { ("read", summary.Read), ("inserted", summary.Inserted), ("updated", summary.Updated),
                     ("unchanged", summary.Unchanged), ("rejected", summary.Rejected) })
            table.AddRow(label, count.ToString("N0", CultureInfo.InvariantCulture));
        console.Write(table);
        foreach (var line in Closing(summary))
            console.WriteLine(line);
    }

    /// <summary>The closing lines of every import: speed, encoding, and where the rejects are.</summary>
    internal static IEnumerable<string> Closing(ImportSummary summary)
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{summary.Read:N0} rows in {summary.Elapsed.TotalSeconds:N1} s ({summary.RowsPerSecond:N0} rows/s), decoded as {summary.Encoding}.");
        yield return summary.Rejected == 0 ? $"No row was rejected ({summary.RejectsPath} lists none)." : $"Rejected rows, with line and reason: {summary.RejectsPath}";
    }
}
