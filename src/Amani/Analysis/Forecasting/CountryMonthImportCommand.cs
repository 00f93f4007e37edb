using Amani.Platform.Cli;
using System.CommandLine;
using System.Globalization;
using Amani.Analysis.Forecasting;
using Amani.Register.Imports;

namespace Amani.Analysis.Forecasting;

/// <summary><c>./amani import views-cm FILE</c>: ViEWS/UCDP country-month aggregates (reference data, no mission).</summary>
public static class CountryMonthImportCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "ViEWS/UCDP country-month CSV (month_id, country_id, ged_best_sb/ns/os; optional year, month, isoab, country_name, ged_count_sb/ns/os)." };
        var rejects = new Option<string?>("--rejects") { Description = "Where to write the rejected rows (default: FILE's name + .rejects.csv, next to it)." };
        var batch = new Option<int>("--batch-size") { Description = "Rows per committed batch.", DefaultValueFactory = _ => 5_000 };
        var command = new Command("views-cm", "ViEWS/UCDP country-month aggregates for forecasting; upserted by (country_id, month_id).") { file, rejects, batch };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            if (parse.GetValue(batch) is < 1 or > 100_000)
                return CliHost.Fail("--batch-size must be between 1 and 100000.");
            var path = parse.GetValue(file)!.FullName;
            var options = new ImportOptions { BatchSize = parse.GetValue(batch), RejectsPath = parse.GetValue(rejects), Progress = ImportCommands.PlainProgress(TimeSpan.FromSeconds(2)) };
            var result = await services.GetRequiredService<CountryMonthImporter>().ImportAsync(path, options, ct);
            if (!result.Succeeded)
                return CliHost.Fail(result.Error!);
            var s = result.Value!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"read {s.Read:N0}, inserted {s.Inserted:N0}, updated {s.Updated:N0}, unchanged {s.Unchanged:N0}, rejected {s.Rejected:N0}"));
            foreach (var line in ImportCommands.Closing(s))
                Console.WriteLine(line);
            return 0;
        }, cancellationToken));
        return command;
    }
}
