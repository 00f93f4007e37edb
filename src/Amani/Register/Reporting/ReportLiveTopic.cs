using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Amani.Register.Reporting;

/// <summary>Announces new community reports (<c>report</c>) to readers of the mission's reports.</summary>
public sealed class ReportLiveTopic : LiveTopic
{
    public const string Report = "report";

    public override LiveEvent? Describe(EntityEntry entry) => entry.Entity is CommunityReport r && entry.State == EntityState.Added
        ? Submitted(r)
        : null;

    /// <summary>The event of a report stored without the change tracker (the intake's bulk path publishes it itself).</summary>
    public static LiveEvent Submitted(CommunityReport report) => new(Report, "submitted", report.MissionId, report.Id, report.AreaId);

    public override async Task<LiveListener?> ListenAsync(AmaniDbContext db, AccessContext access, Guid missionId, CancellationToken cancellationToken) =>
        access.TokenAllows(Permission.ReportsRead) && await access.HasAsync(Permission.ReportsRead, missionId, cancellationToken)
            ? new LiveListener(new HashSet<string> { Report }, (_, _) => Task.FromResult(true))
            : null;
}
