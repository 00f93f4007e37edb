using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Amani.Register.Reporting;

/// <summary>Announces new community reports (<c>report</c>) to readers of the mission's reports whose scope covers the report's area.</summary>
public sealed class ReportLiveTopic : LiveTopic
{
    public const string Report = "report";

    public override LiveEvent? Describe(EntityEntry entry) => entry.Entity is CommunityReport r && entry.State == EntityState.Added
        ? Submitted(r)
        : null;

    /// <summary>The event of a report stored without the change tracker (the intake's bulk path publishes it itself).</summary>
    public static LiveEvent Submitted(CommunityReport report) => new(Report, "submitted", report.MissionId, report.Id, report.AreaId);

    /// <summary>Readers of the mission's reports hear of those in their area scope only.</summary>
    public override async Task<LiveListener?> ListenAsync(AmaniDbContext db, AccessContext access, Guid missionId, CancellationToken cancellationToken) =>
        await access.AreaScopeAsync(missionId, Permission.ReportsRead, cancellationToken) is { } scope
            ? new LiveListener(new HashSet<string> { Report }, (@event, _) => Task.FromResult(scope.Covers(@event.AreaId)))
            : null;
}
