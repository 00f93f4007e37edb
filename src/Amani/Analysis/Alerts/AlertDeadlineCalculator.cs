using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Alerts;

/// <summary>When an alert must be handled: the rule's own hours if it sets them, else the mission's for the severity, else Amani's defaults.</summary>
public static class AlertDeadlineCalculator
{
    public static async Task<MissionAlertDeadlines> ForMissionAsync(AmaniDbContext db, Guid missionId, CancellationToken cancellationToken) =>
        await db.Set<MissionAlertDeadlines>().AsNoTracking().FirstOrDefaultAsync(d => d.MissionId == missionId, cancellationToken)
        ?? MissionAlertDeadlines.Defaults(missionId);

    public static TimeSpan Allowed(AlertRule rule, AlertSeverity severity, MissionAlertDeadlines mission) =>
        TimeSpan.FromHours(rule.DeadlineHours ?? mission.HoursFor(severity));
}
