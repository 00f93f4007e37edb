using Amani.Platform.Cli;
using System.CommandLine;
using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Amani.Foundation.Missions;

namespace Amani.Foundation.Areas;

/// <summary><c>./amani import areas FILE.geojson --mission M --level N</c>: admin boundaries, with a summary table at the end.</summary>
public static class AreaImportCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "GeoJSON FeatureCollection of Polygon/MultiPolygon features (UTF-8, with or without BOM)." };
        var mission = new Option<string>("--mission") { Description = "Code of the mission the areas belong to.", Required = true };
        var level = new Option<int>("--level") { Description = $"Administrative level of the file's areas: 0 = country, 1 = province … {AreaLimits.MaxLevel}.", Required = true };
        var pCode = new Option<string?>("--pcode-property") { Description = "Feature property holding the P-code (default: pcode, ADM{n}_PCODE, hasc, iso3166_2)." };
        var name = new Option<string?>("--name-property") { Description = "Feature property holding the name (default: name, ADM{n}_EN, ADM{n}_NAME)." };
        var parent = new Option<string?>("--parent-property") { Description = "Feature property holding the parent's P-code (default: parent_pcode, ADM{n-1}_PCODE; else containment, else parent_name)." };
        var areas = new Command("areas", "Import admin boundaries; re-importing updates changed areas and adds no duplicates.") { file, mission, level, pCode, name, parent };
        areas.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            var path = parse.GetValue(file)!;
            var code = parse.GetValue(mission)!.Trim().ToUpperInvariant();
            if (!path.Exists)
                return CliHost.Fail($"The file {path.FullName} does not exist.");
            var target = await services.GetRequiredService<AmaniDbContext>().Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Code == code, ct);
            if (target is null)
                return CliHost.Fail($"There is no mission {code}; list them with './amani missions list'.");
            await using var stream = path.OpenRead();
            var result = await services.GetRequiredService<AreaImporter>().ImportAsync(target, stream,
                new AreaImportOptions(parse.GetValue(level), parse.GetValue(pCode), parse.GetValue(name), parse.GetValue(parent), path.Name), ct);
            if (result.Refusal is { } refused)
                return CliHost.Fail($"{path.Name} refused: {refused.Message}");
            Print(result.Value!);
            return 0;
        }, cancellationToken));
        return areas;
    }

    private static void Print(AreaImportSummary summary)
    {
        var rows = new (string Label, int Count)[]
        {
            ("read", summary.Read), ("inserted", summary.Inserted), ("updated", summary.Updated), ("unchanged", summary.Unchanged),
            ("rejected", summary.Rejected), ("repaired", summary.Repaired),
        };
        if (Console.IsOutputRedirected)
        {
            Console.WriteLine($"Areas imported into {summary.Mission} at level {summary.Level}.");
            foreach (var (label, count) in rows)
                Console.WriteLine($"{label}: {count}");
            foreach (var issue in summary.Issues)
                Console.WriteLine(issue);
            return;
        }
        var table = new Table().Title($"Areas imported into {summary.Mission} at level {summary.Level}").AddColumn("").AddColumn(new TableColumn("features").RightAligned());
        foreach (var (label, count) in rows)
            table.AddRow(label, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        foreach (var issue in summary.Issues)
            AnsiConsole.MarkupLine(Markup.Escape(issue.ToString()));
    }
}
