using System.CommandLine;
using System.Globalization;
using Amani.Analysis.Aggregates;
using Amani.Foundation.Missions;
using Amani.Platform.Cli;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Hotspots;

/// <summary>
/// <c>./amani aggregates hotspots --mission M --unit U …</c> prints a mission's hot spots as the API computes them, for
/// the operator (public and mission-confidential incidents; restricted ones are never aggregated).
/// </summary>
public static class HotspotCommands
{
    public static void AddTo(CliCommands commands) =>
        commands.Group(AggregateCommands.Name, AggregateCommands.Description).Subcommands.Add(Hotspots());

    private static Command Hotspots()
    {
        var mission = new Option<string>("--mission") { Description = "Code of the mission.", Required = true };
        var unit = new Option<string>("--unit") { Description = "admin1, admin2 or cell.", Required = true };
        var from = new Option<string?>("--from") { Description = "First month, YYYY-MM (default: the first with data)." };
        var to = new Option<string?>("--to") { Description = "Last month, YYYY-MM (default: the last with data)." };
        var violence = new Option<string?>("--violence") { Description = "stateBased, nonState, oneSided, other (comma-separated; default: all)." };
        var measure = new Option<string>("--measure") { Description = "events or fatalities.", DefaultValueFactory = _ => "events" };
        measure.AcceptOnlyFromAmong("events", "fatalities");
        var top = new Option<int>("--top") { Description = "How many units to list, strongest hot spots first.", DefaultValueFactory = _ => 15 };
        var hotspots = new Command("hotspots", "Print a mission's Getis-Ord Gi* hot spots.") { mission, unit, from, to, violence, measure, top };
        hotspots.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            var db = services.GetRequiredService<AmaniDbContext>();
            var code = parse.GetValue(mission)!.Trim().ToUpperInvariant();
            if (await db.Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Code == code, ct) is not { } found)
                return CliHost.Fail($"There is no mission {code} (see `./amani missions list`).");
            var parsed = AnalysisQuery.Parse(parse.GetValue(unit), parse.GetValue(from), parse.GetValue(to), parse.GetValue(violence),
                [UnitKind.Admin1, UnitKind.Admin2, UnitKind.Cell]);
            if (!parsed.Succeeded)
                return CliHost.Fail($"--{parsed.Field}: {parsed.Error}");
            await services.GetRequiredService<AggregateRefresher>().RefreshAsync(found.Id, ct);
            var months = await services.GetRequiredService<AggregateReader>().MonthsWithDataAsync(found.Id, parsed.Value!.Unit, ct);
            var request = new HotspotAnalysis.Request(parsed.Value, parse.GetValue(measure) == "fatalities" ? HotspotMeasure.Fatalities : HotspotMeasure.Events,
                false, [Confidentiality.Public, Confidentiality.Mission]);
            var map = (HotspotMap)await services.GetRequiredService<HotspotAnalysis>().ComputeAsync(found, request,
                parsed.Value.From ?? months?.First, parsed.Value.To ?? months?.Last, ct);
            Console.WriteLine($"{map.Mission} {map.Unit} {map.From}…{map.To}, {map.Measure.ToString().ToLowerInvariant()} of {string.Join(", ", map.Violence)}: " +
                              $"{map.Method.Units} units, Getis-Ord Gi*, Benjamini-Hochberg q");
            Console.WriteLine($"{"code",-14} {"name",-32} {"value",9} {"z",8} {"p",10} {"q",10}  class");
            foreach (var spot in map.Units.Take(parse.GetValue(top)))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{spot.Unit.Code,-14} {Shorten(spot.Unit.Name, 32),-32} {spot.Value,9:0} {spot.Z,8:0.00} {spot.P,10:0.##E+0} {spot.Q,10:0.##E+0}  {spot.Class}"));
            return 0;
        }, cancellationToken));
        return hotspots;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
