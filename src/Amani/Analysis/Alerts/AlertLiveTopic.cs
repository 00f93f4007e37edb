using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Amani.Analysis.Alerts;

/// <summary>Announces raised and changed alerts (<c>alert</c>) to those whose alert scope concerns the alert's area.</summary>
public sealed class AlertLiveTopic : LiveTopic
{
    public const string Alert = "alert";

    public override LiveEvent? Describe(EntityEntry entry) => entry.Entity switch
    {
        Alert a when entry.State == EntityState.Added => new LiveEvent(Alert, "raised", a.MissionId, a.Id, a.AreaId),
        Alert a when entry.State == EntityState.Modified => new LiveEvent(Alert, "changed", a.MissionId, a.Id, a.AreaId),
        _ => null,
    };

    public override async Task<LiveListener?> ListenAsync(AmaniDbContext db, AccessContext access, Guid missionId, CancellationToken cancellationToken) =>
        await AlertScope.ForAsync(db, access, missionId, Permission.AlertsRead, cancellationToken) is { } scope
            ? new LiveListener(new HashSet<string> { Alert }, (@event, _) => Task.FromResult(scope.Concerns(@event.AreaId)))
            : null;
}
