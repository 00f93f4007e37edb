using Amani.Platform.Cli;
using System.CommandLine;
using Amani.Analysis.Aggregates;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Aggregates;

/// <summary>
/// <c>./amani aggregates rebuild [--mission M]</c> recomputes a mission's aggregates from its incidents (every mission
/// without <c>--mission</c>). The Hotspots module adds <c>./amani aggregates hotspots</c> to the same verb.
/// </summary>
public static class AggregateCommands
{
    public const string Name = "aggregates";
    public const string Description = "Incident aggregates (per area, PRIO-GRID cell, month and violence type) and hot spots.";

    public static void AddTo(CliCommands commands) => commands.Group(Name, Description).Subcommands.Add(Rebuild());

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
                services.GetRequiredService<AuditLog>().Record(AuditAction.AggregatesRebuilt, Mission.AuditEntity, found.Id, summary);
                await db.SaveChangesAsync(ct);
                Console.WriteLine(summary);
            }
            return 0;
        }, cancellationToken));
        return rebuild;
    }

}
