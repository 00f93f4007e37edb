using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Users;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;

namespace Amani.Analysis.Alerts;

/// <summary>
/// Records who is told about an alert: its owner when it has one, else everyone holding the responsible role in the
/// mission whose scope the alert concerns (an alert "falls to the duty officers"). The rows are the record of the
/// notification; each is also delivered through <see cref="Notifier"/> (in the app, and by e-mail or SMS as each user
/// chose), with texts from the alert's headline, rule and area only (<see cref="AlertNotices"/>).
/// </summary>
public sealed class AlertNotifier(AmaniDbContext db, Notifier notifier)
{
    public const int MaxRecipients = 200;

    public async Task<int> NotifyAsync(Alert alert, AlertNotificationReason reason, DateTime now, CancellationToken cancellationToken)
    {
        var recipients = alert.OwnerUserId is { } owner ? [owner] : await HoldersAsync(alert, cancellationToken);
        foreach (var user in recipients)
            db.Set<AlertNotification>().Add(new AlertNotification { AlertId = alert.Id, UserId = user, Reason = reason, CreatedAt = now });
        if (recipients.Count > 0)
            await notifier.NotifyAsync(recipients, await NoticeAsync(alert, reason, cancellationToken), cancellationToken);
        return recipients.Count;
    }

    private async Task<Notice> NoticeAsync(Alert alert, AlertNotificationReason reason, CancellationToken cancellationToken)
    {
        var rule = await db.Set<AlertRule>().AsNoTracking().Where(r => r.Id == alert.RuleId).Select(r => r.Name).FirstOrDefaultAsync(cancellationToken);
        var area = alert.AreaId is { } areaId
            ? await db.AdminAreas.AsNoTracking().Where(a => a.Id == areaId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        var mission = await db.Missions.AsNoTracking().Where(m => m.Id == alert.MissionId).Select(m => m.Code).FirstAsync(cancellationToken);
        return AlertNotices.For(alert, reason, rule ?? "", area, mission);
    }

    /// <summary>The users holding the alert's owner role in its mission (or in every mission) whose area scope the alert concerns.</summary>
    private async Task<List<Guid>> HoldersAsync(Alert alert, CancellationToken cancellationToken)
    {
        var role = alert.OwnerRole;
        var holders = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.Role == role && (a.MissionId == null || a.MissionId == alert.MissionId))
            .Select(a => new { a.UserId, a.AreaId }).ToListAsync(cancellationToken);
        if (holders.All(h => h.AreaId is null))
            return holders.Select(h => h.UserId).Distinct().Take(MaxRecipients).ToList();
        var tree = await AreaTree.LoadAsync(db, alert.MissionId, cancellationToken);
        var concerned = tree.Find(alert.AreaId) is { } area ? tree.Overlapping(area).Select(a => a.Id).ToHashSet() : null;
        return holders.Where(h => h.AreaId is null || concerned is null || concerned.Contains(h.AreaId.Value))
            .Select(h => h.UserId).Distinct().Take(MaxRecipients).ToList();
    }
}
