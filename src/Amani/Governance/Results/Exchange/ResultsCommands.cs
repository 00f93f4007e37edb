using System.CommandLine;
using Amani.Foundation.Missions;
using Amani.Platform.Cli;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Exchange;

/// <summary>
/// <c>./amani results export-dhis2 --mission M --out FILE</c>, <c>./amani results import-dhis2 FILE --mission M</c> and
/// their CSV twins <c>export-csv</c> / <c>import-csv</c>. The CLI is the operator on the server: an export holds every
/// indicator's values, an import may enter every indicator that is not computed, in every area, and is recorded as
/// entered by nobody (the audit log names the operating-system user). A refused import prints every reject, one per
/// line, writes nothing and exits with 1. An export is written beside FILE and renamed into place once complete.
/// </summary>
public static class ResultsCommands
{
    public static void AddTo(CliCommands commands)
    {
        var results = commands.Group("results", "The mission's results framework: its indicator values in and out.");
        results.Subcommands.Add(Export("export-dhis2", "Export a mission's indicator values as DHIS2 dataValueSets JSON.", csv: false));
        results.Subcommands.Add(Import("import-dhis2", "Import indicator values from a DHIS2 dataValueSets JSON file (all or nothing).", csv: false));
        results.Subcommands.Add(Export("export-csv", "Export a mission's indicator values as CSV (with numerators and denominators).", csv: true));
        results.Subcommands.Add(Import("import-csv", "Import indicator values from a CSV file (all or nothing).", csv: true));
    }

    private static Option<string> MissionOption() => new("--mission") { Description = "Code of the mission, e.g. MINUSCA.", Required = true };

    private static Command Export(string name, string description, bool csv)
    {
        var mission = MissionOption();
        var output = new Option<FileInfo>("--out") { Description = "File to write (replaced if it exists).", Required = true };
        var from = new Option<string?>("--from") { Description = "Only periods from this one (202401, 2024Q1, 2024) or this date (2024-01-01)." };
        var until = new Option<string?>("--until") { Description = "Only periods up to this one, included, or to this date, included." };
        var indicator = new Option<string[]>("--indicator") { Description = "Only these indicators (codes; repeat or separate with commas)." };
        var enteredOnly = new Option<bool>("--entered-only") { Description = "Leave out computed values (to import the file again elsewhere)." };
        var command = new Command(name, description) { mission, output, from, until, indicator, enteredOnly };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            if (await FindAsync(services, parse.GetValue(mission)!, ct) is not { } found)
                return CliHost.Fail($"There is no mission {parse.GetValue(mission)!.Trim().ToUpperInvariant()} (see `./amani missions list`).");
            var (filter, field, problem) = ExchangeFilter.Read(parse.GetValue(from), parse.GetValue(until), parse.GetValue(indicator),
                !parse.GetValue(enteredOnly));
            if (filter is null)
                return CliHost.Fail($"--{field}: {problem}");
            var exchange = services.GetRequiredService<ResultsExchange>();
            var db = services.GetRequiredService<AmaniDbContext>();
            var rows = exchange.Rows(db.Set<Indicator>().Where(i => i.MissionId == found.Id), filter);
            var orgUnit = await exchange.MissionOrgUnitAsync(found, ct);
            var file = parse.GetValue(output)!;
            var partial = file.FullName + ".partial";
            long count;
            try
            {
                await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                    count = csv ? await ValueCsv.WriteAsync(rows, stream, ct) : await Dhis2ValueSets.WriteAsync(rows, orgUnit, stream, ct);
                File.Move(partial, file.FullName, overwrite: true);
            }
            finally
            {
                File.Delete(partial); // gone already when the export succeeded
            }
            Console.WriteLine($"{count} value(s) of {found.Code} written to {file.FullName} ({(csv ? "CSV" : "DHIS2 dataValueSets JSON")}).");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Import(string name, string description, bool csv)
    {
        var file = new Argument<FileInfo>("FILE") { Description = csv ? "The CSV file (UTF-8)." : "The dataValueSets JSON file." };
        var mission = MissionOption();
        var command = new Command(name, description) { file, mission };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            if (await FindAsync(services, parse.GetValue(mission)!, ct) is not { } found)
                return CliHost.Fail($"There is no mission {parse.GetValue(mission)!.Trim().ToUpperInvariant()} (see `./amani missions list`).");
            var path = parse.GetValue(file)!;
            if (!path.Exists)
                return CliHost.Fail($"There is no file {path.FullName}.");
            var exchange = services.GetRequiredService<ResultsExchange>();
            ExchangeImport import;
            await using (var stream = path.OpenRead())
                import = csv
                    ? await exchange.ImportCsvAsync(found, stream, null, (_, _) => true, ct)
                    : await exchange.ImportDhis2Async(found, stream, null, (_, _) => true, ct);
            if (import.Problem is { } problem)
                return CliHost.Fail($"{path.Name}: {problem}");
            var result = import.Result!;
            if (!result.Succeeded)
            {
                foreach (var reject in result.Rejects)
                    Console.Error.WriteLine($"{reject.Where}: {reject.Field}: {reject.Message}");
                return CliHost.Fail($"{result.Rejects.Count} value(s) of {path.Name} were refused (listed above); nothing was written.");
            }
            Console.WriteLine($"{result.Written} value(s) of {found.Code} written, {result.Unchanged} unchanged, from {path.Name}.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Task<Mission?> FindAsync(IServiceProvider services, string code, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        return services.GetRequiredService<AmaniDbContext>().Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Code == normalized, cancellationToken);
    }
}
