using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Alerts;

/// <summary>What applying an evaluation did for one area.</summary>
public enum RaiseResult { NotFired, Raised, Refreshed, Unchanged, DryRun }

/// <summary>
/// Turns a rule's evaluation into alerts, in one transaction under the alert lock (a PostgreSQL advisory lock; SQLite's
/// single writer): for each area where the rule fired, the open alert of that rule and area gets its evidence refreshed
/// (only when the evidence says something new), or a new alert is raised with its owner, its deadline and its
/// notifications. The unique open-alert key is the last guard: a collision means another node raised it first, and the
/// work is redone as a refresh. Every change writes its audit row in the same transaction.
/// </summary>
public sealed class AlertRaiser(AmaniDbContext db, AuditLog audit, AuditActor actor, AlertNotifier notifier, AlertFollowUps followUps, TimeProvider clock,
    Platform.Measures.MeasureChanges measureChanges)
{
    public const long AlertLock = 0x414D414E49_0250;

    public sealed record Applied(RuleOutcome Outcome, RaiseResult Result, Guid? AlertId);

    public async Task<IReadOnlyList<Applied>> ApplyAsync(AlertRule rule, Mission mission, IReadOnlyList<RuleOutcome> outcomes, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyOnceAsync(rule, mission, outcomes, cancellationToken);
        }
        catch (DbUpdateException collision) when (collision is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(collision))
        {
            // Another node raised the alert first, or someone moved it meanwhile: read again and refresh instead.
            db.DiscardChanges();
            return await ApplyOnceAsync(rule, mission, outcomes, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<Applied>> ApplyOnceAsync(AlertRule rule, Mission mission, IReadOnlyList<RuleOutcome> outcomes,
        CancellationToken cancellationToken)
    {
        await using var transaction = await DatabaseLocks.BeginExclusiveAsync(db, AlertLock, cancellationToken);
        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        var current = await db.Set<AlertRule>().AsNoTracking().Where(r => r.Id == rule.Id)
            .Select(r => new { r.Enabled, r.ArchivedAt }).FirstOrDefaultAsync(cancellationToken);
        if (current is not { Enabled: true, ArchivedAt: null })
            return outcomes.Select(o => new Applied(o, RaiseResult.NotFired, null)).ToList();

        var keys = outcomes.Where(o => o.Fired).Select(o => Alert.KeyOf(rule.Id, o.AreaId)).ToList();
        var open = await db.Set<Alert>().Where(a => a.OpenKey != null && keys.Contains(a.OpenKey)).ToDictionaryAsync(a => a.OpenKey!, cancellationToken);
        var deadlines = await AlertDeadlineCalculator.ForMissionAsync(db, mission.Id, cancellationToken);
        var applied = new List<Applied>();
        foreach (var outcome in outcomes)
        {
            if (!outcome.Fired)
                applied.Add(new Applied(outcome, RaiseResult.NotFired, null));
            else if (open.TryGetValue(Alert.KeyOf(rule.Id, outcome.AreaId), out var alert))
                applied.Add(new Applied(outcome, await RefreshAsync(alert, outcome, now, cancellationToken), alert.Id));
            else
                applied.Add(new Applied(outcome, RaiseResult.Raised, (await RaiseAsync(rule, mission, outcome, deadlines, now, cancellationToken)).Id));
        }
        if (applied.Any(a => a.Result is RaiseResult.Raised or RaiseResult.Refreshed))
            await db.SaveChangesAsync(cancellationToken);
        // The evaluator's own bookkeeping, not a change of the product's state: not audited.
        var summary = Summary(applied);
        await db.Set<AlertRule>().Where(r => r.Id == rule.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.LastEvaluatedAt, now)
            .SetProperty(r => r.LastEvaluation, summary), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var raised = applied.Where(a => a.Result is RaiseResult.Raised).Select(a => a.AlertId).ToHashSet();
        if (raised.Count > 0)
            AlertMeasures.Announce(measureChanges, db.Set<Alert>().Local.Where(a => raised.Contains(a.Id)).ToList());
        return applied;
    }

    private async Task<Alert> RaiseAsync(AlertRule rule, Mission mission, RuleOutcome outcome, MissionAlertDeadlines deadlines, DateTime now,
        CancellationToken cancellationToken)
    {
        var evidence = outcome.Evidence!;
        var alert = new Alert
        {
            MissionId = mission.Id, RuleId = rule.Id, AreaId = outcome.AreaId, OpenKey = Alert.KeyOf(rule.Id, outcome.AreaId), Kind = rule.Kind,
            Severity = rule.Severity, IsPublic = rule.IsPublic, Status = AlertStatus.Open, Headline = outcome.Headline, Explanation = outcome.Explanation,
            EvidenceJson = evidence.ToJson(), EvidenceFingerprint = evidence.Fingerprint(), OwnerUserId = rule.DefaultOwnerUserId, OwnerRole = rule.OwnerRole,
            DeadlineAt = now + AlertDeadlineCalculator.Allowed(rule, rule.Severity, deadlines), RaisedAt = now, RefreshedAt = now, UpdatedAt = now,
        };
        db.Set<Alert>().Add(alert);
        db.Set<AlertEvent>().Add(new AlertEvent
        {
            AlertId = alert.Id, Kind = AlertEventKind.Raised, ToStatus = AlertStatus.Open, Actor = actor.Actor, Text = outcome.Explanation, At = now, RecordedAt = now,
        });
        await followUps.TrackAsync(alert, null, cancellationToken);
        var notified = await notifier.NotifyAsync(alert, AlertNotificationReason.Raised, now, cancellationToken);
        var owner = alert.OwnerUserId is { } user ? $"user {user}" : $"the {alert.OwnerRole} role";
        audit.Record(AuditAction.AlertRaised, Alert.AuditEntity, alert.Id,
            $"Alert raised by rule {rule.Id} in {mission.Code} ({alert.Severity}): {alert.Headline}. Owner: {owner}; deadline {alert.DeadlineAt:yyyy-MM-dd HH:mm} UTC; {notified} notified.");
        return alert;
    }

    private async Task<RaiseResult> RefreshAsync(Alert alert, RuleOutcome outcome, DateTime now, CancellationToken cancellationToken)
    {
        var evidence = outcome.Evidence!;
        var fingerprint = evidence.Fingerprint();
        if (fingerprint == alert.EvidenceFingerprint)
            return RaiseResult.Unchanged;
        alert.EvidenceJson = evidence.ToJson();
        alert.EvidenceFingerprint = fingerprint;
        alert.Headline = outcome.Headline;
        alert.Explanation = outcome.Explanation;
        alert.RefreshedAt = now;
        alert.UpdatedAt = now;
        db.Set<AlertEvent>().Add(new AlertEvent
        {
            AlertId = alert.Id, Kind = AlertEventKind.EvidenceRefreshed, Actor = actor.Actor, Text = outcome.Explanation, At = now, RecordedAt = now,
        });
        audit.Record(AuditAction.AlertEvidenceRefreshed, Alert.AuditEntity, alert.Id, $"Alert evidence refreshed: {outcome.Headline}.");
        await followUps.TrackAsync(alert, null, cancellationToken); // its follow-up carries the new headline
        return RaiseResult.Refreshed;
    }

    private static string Summary(List<Applied> applied)
    {
        if (applied.Count == 0)
            return "Nothing to evaluate: the rule's scope has no area of its level.";
        var text = string.Join(" ", applied.Take(5).Select(a => a.Result switch
        {
            RaiseResult.Raised => $"Raised: {a.Outcome.Explanation}",
            RaiseResult.Refreshed => $"Refreshed: {a.Outcome.Explanation}",
            RaiseResult.Unchanged => $"Still firing: {a.Outcome.Explanation}",
            _ => a.Outcome.Explanation,
        }));
        if (applied.Count > 5)
            text += $" … and {applied.Count - 5} more area(s): {applied.Count(a => a.Result != RaiseResult.NotFired)} firing in all.";
        return text.Length > AlertLimits.Text ? text[..(AlertLimits.Text - 1)] + "…" : text;
    }
}
