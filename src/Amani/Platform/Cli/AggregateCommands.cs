using System.CommandLine;
using System.Globalization;
using Amani.Analysis.Aggregates;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Analysis.Hotspots;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Cli;

/// <summary>
/// <c>./amani aggregates rebuild [--mission M]</c> recomputes a mission's aggregates from its incidents (every mission
/// without <c>--mission</c>); <c>./amani aggregates hotspots --mission M --unit U …</c> prints its hot spots as the API
/// computes them, for the operator (public and mission-confidential incidents; restricted ones are never aggregated).
/// </summary>
public static class AggregateCommands
{
    public static Command Build()
    {
        var aggregates = new Command("aggregates", "Incident aggregates (per area, PRIO-GRID cell, month and violence type) and hot spots.");
        aggregates.Subcommands.Add(Rebuild());
        aggregates.Subcommands.Add(Hotspots());
        return aggregates;
    }

    private static Command Rebuild()
    {
        var mission = new Option<string?>("--mission") { Description = "Code of the mission (default: every mission)." };
        var rebuild = new Command("rebuild", "Recompute the aggregates from the incidents (they are kept up to date as incidents change; this is for repairs and after bulk SQL).")
        {
            mission,
        };
        rebuild.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            var db = services.GetRequiredService<AmaniDbContext>();
            var code = parse.GetValue(mission)?.Trim().ToUpperInvariant();
            var missions = await db.Missions.AsNoTracking().Where(m => code == null || m.Code == code).OrderBy(m => m.Code).ToListAsync(ct);
            if (code is not null && missions.Count == 0)
                return CliHost.Fail($"There is no mission {code} (see `./amani missions list`).");
            var refresher = services.GetRequiredService<AggregateRefresher>();
            foreach (var found in missions)
            {
                var outcome = await refresher.RebuildAsync(found.Id, ct);
                var summary = $"Aggregates of {found.Code} rebuilt: {outcome.AreaRows} area rows, {outcome.CellRows} cell rows in {outcome.Elapsed.TotalMilliseconds:0} ms.";
                services.GetRequiredService<AuditLog>().Record(AuditAction.AggregatesRebuilt, "mission", found.Id, summary);
                await db.SaveChangesAsync(ct);
                Console.WriteLine(summary);
            }
            return 0;
        }, cancellationToken));
        return rebuild;
    }

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
