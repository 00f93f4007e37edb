using Amani.Platform.Access;
using Amani.Analysis.Alerts;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Live;

/// <summary>
/// Who a subscriber is, for the live feed of one mission: an incident is announced only to those who may see that
/// incident (decided by <see cref="IncidentVisibility"/>, as the incidents API does), an import batch to readers of
/// the mission's incidents, a community report to readers of reports, an alert to those whose alert scope concerns its
/// area. Decided when the subscriber connects (roles changed later apply at the next connection) and per event.
/// </summary>
public sealed class LiveAudience
{
    private readonly AmaniDbContext _db;
    private readonly AccessContext _access;
    private readonly Guid _missionId;
    private readonly bool _incidents;
    private readonly bool _reports;
    private readonly AlertScope? _alerts;

    private LiveAudience(AmaniDbContext db, AccessContext access, Guid missionId, bool incidents, bool reports, AlertScope? alerts)
    {
        (_db, _access, _missionId, _incidents, _reports, _alerts) = (db, access, missionId, incidents, reports, alerts);
    }

    public static async Task<LiveAudience> ForAsync(AmaniDbContext db, AccessContext access, Guid missionId, CancellationToken cancellationToken) => new(
        db, access, missionId,
        access.TokenAllows(Permission.IncidentsRead) && await access.HasAsync(Permission.IncidentsRead, missionId, cancellationToken),
        access.TokenAllows(Permission.ReportsRead) && await access.HasAsync(Permission.ReportsRead, missionId, cancellationToken),
        await AlertScope.ForAsync(db, access, missionId, Permission.AlertsRead, cancellationToken));

    public async Task<bool> HearsAsync(LiveEvent @event, CancellationToken cancellationToken)
    {
        if (@event.MissionId != _missionId)
            return false;
        return @event.Kind switch
        {
            LiveEvent.Incident => _incidents && @event.Id is { } id
                && await (await IncidentVisibility.VisibleAsync(_db, _access, _missionId, cancellationToken)).AnyAsync(i => i.Id == id, cancellationToken),
            LiveEvent.Incidents => _incidents,
            LiveEvent.Report => _reports,
            LiveEvent.Alert => _alerts is not null && _alerts.Concerns(@event.AreaId),
            _ => false,
        };
    }
}
