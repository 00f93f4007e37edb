using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.FollowUps;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Alerts;

/// <summary>
/// Escalates overdue alerts — past their deadline and not resolved or declared a false alarm — to the next role of the
/// chain (field officer → duty officer → analyst → administrator, <see cref="AlertWorkflow.EscalatesTo"/>): the level
/// rises, the alert falls to that role (no single owner), its holders are notified, and a new deadline is set for the
/// severity. At the top of the chain an alert stays overdue and is not escalated again. Runs under the alert lock, and
/// each alert's version guards against a concurrent change. When an alert is overdue is the follow-up engine's to say:
/// this is the alerts' <see cref="IFollowUpEscalator"/>, and it selects the alerts whose follow-up is past its due date.
/// </summary>
public sealed class AlertEscalation(AmaniDbContext db, AuditLog audit, AuditActor actor, AlertNotifier notifier, AlertFollowUps followUps, TimeProvider clock,
    Platform.Measures.MeasureChanges measureChanges)
    : IFollowUpEscalator
{
    public string Module => AlertFollowUps.Module;

    public async Task<int> EscalateOverdueAsync(CancellationToken cancellationToken)
    {
        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        var overdue = await Overdue(now).Select(a => a.Id).Take(500).ToListAsync(cancellationToken);
        if (overdue.Count == 0)
            return 0;
        await using var transaction = await DatabaseLocks.BeginExclusiveAsync(db, AlertRaiser.AlertLock, cancellationToken);
        var alerts = await Overdue(now).Where(a => overdue.Contains(a.Id)).ToListAsync(cancellationToken);
        var ruleIds = alerts.Select(a => a.RuleId).Distinct().ToList();
        var rules = await db.Set<AlertRule>().AsNoTracking().Where(r => ruleIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var deadlines = new Dictionary<Guid, MissionAlertDeadlines>();
        foreach (var alert in alerts)
        {
            if (!deadlines.TryGetValue(alert.MissionId, out var mission))
                deadlines[alert.MissionId] = mission = await AlertDeadlineCalculator.ForMissionAsync(db, alert.MissionId, cancellationToken);
            await EscalateAsync(alert, rules[alert.RuleId], mission, now, cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone moved one of these alerts meanwhile: nothing is escalated now; the next pass looks again.
            db.DiscardChanges();
            return 0;
        }
        await transaction.CommitAsync(cancellationToken);
        AlertMeasures.Announce(measureChanges, alerts); // escalated: each missed its deadline
        return alerts.Count;
    }

    private IQueryable<Alert> Overdue(DateTime now) => db.Set<Alert>().Where(a =>
        (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged || a.Status == AlertStatus.Responding)
        && a.OwnerRole != Role.Administrator && a.OwnerRole != Role.Partner
        && db.Set<FollowUp>().Any(f => f.Managed && f.Module == AlertFollowUps.Module && f.RecordId == a.Id && f.NextEscalationAt != null && f.NextEscalationAt < now
                                       && (f.Status == FollowUpStatus.Open || f.Status == FollowUpStatus.InProgress)));

    private async Task EscalateAsync(Alert alert, AlertRule rule, MissionAlertDeadlines deadlines, DateTime now, CancellationToken cancellationToken)
    {
        var from = alert.OwnerRole;
        var to = AlertWorkflow.EscalatesTo(from)!.Value;
        var missed = alert.DeadlineAt;
        var previousOwner = alert.OwnerUserId;
        alert.OwnerRole = to;
        alert.OwnerUserId = null;
        alert.EscalationLevel++;
        alert.DeadlineAt = now + AlertDeadlineCalculator.Allowed(rule, alert.Severity, deadlines);
        alert.Version++;
        alert.UpdatedAt = now;
        var notified = await notifier.NotifyAsync(alert, AlertNotificationReason.Escalated, now, cancellationToken);
        var text = $"Deadline {missed:yyyy-MM-dd HH:mm} UTC passed while {alert.Status}: escalated from {from}" +
                   (previousOwner is { } owner ? $" (owner {owner})" : "") +
                   $" to {to}, level {alert.EscalationLevel}; {notified} notified; new deadline {alert.DeadlineAt:yyyy-MM-dd HH:mm} UTC.";
        db.Set<AlertEvent>().Add(new AlertEvent { AlertId = alert.Id, Kind = AlertEventKind.Escalated, Actor = actor.Actor, Text = text, At = now, RecordedAt = now });
        await followUps.TrackAsync(alert, null, cancellationToken);
        audit.Record(AuditAction.AlertEscalated, Alert.AuditEntity, alert.Id, $"Alert escalated. {text}");
    }
}
