using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Amani.Register.Incidents;

/// <summary>
/// Announces new incidents (<c>incident</c>, to those who may see that incident, as the incidents API decides) and
/// import batches (<c>incidents</c>, one event per batch from its audit row — the batch's rows bypass the change tracker
/// — to readers of the mission's incidents).
/// </summary>
public sealed class IncidentLiveTopic : LiveTopic
{
    public const string Incident = "incident", Incidents = "incidents";

    public override LiveEvent? Describe(EntityEntry entry) => entry.Entity switch
    {
        Incident i when entry.State == EntityState.Added => new LiveEvent(Incident, "created", i.MissionId, i.Id),
        AuditEntry e when e.ActionCode == AuditAction.IncidentsImported.Code && entry.State == EntityState.Added && Guid.TryParse(e.EntityId, out var mission)
            => new LiveEvent(Incidents, "imported", mission, null),
        _ => null,
    };

    public override async Task<LiveListener?> ListenAsync(AmaniDbContext db, AccessContext access, Guid missionId, CancellationToken cancellationToken)
    {
        if (!access.TokenAllows(Permission.IncidentsRead) || !await access.HasAsync(Permission.IncidentsRead, missionId, cancellationToken))
            return null;
        return new LiveListener(new HashSet<string> { Incident, Incidents }, async (@event, ct) => @event.Kind == Incidents
            || (@event.Id is { } id && await (await IncidentVisibility.VisibleAsync(db, access, missionId, ct)).AnyAsync(i => i.Id == id, ct)));
    }
}
