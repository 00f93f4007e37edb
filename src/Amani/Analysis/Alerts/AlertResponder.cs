using System.Text.Json;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Measures;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Alerts;

/// <summary>
/// What people do with an alert: move it through its life (acknowledge, respond, resolve with an outcome, declare a
/// false alarm with the reason), record response actions, and give it an owner. Each step is logged on the alert and
/// audited in the same transaction; acknowledging an alert nobody owns makes the acknowledger its owner.
/// </summary>
public sealed class AlertResponder(AmaniDbContext db, AuditLog audit, AuditActor actor, AlertNotifier notifier, AlertRuleEditor editor, AlertFollowUps followUps,
    TimeProvider clock, MeasureChanges measureChanges)
{
    /// <summary>The refusal when the version the caller sent is not the current one (answer 412).</summary>
    public static Refusal Stale { get; } = Refusal.Stale("The alert was changed since you loaded it. Reload it, then apply your change again.");

    public async Task<Outcome<Alert>> TransitionAsync(Alert alert, int expectedVersion, AlertTransitionRequest request, Guid userId, CancellationToken cancellationToken)
    {
        if (alert.Version != expectedVersion)
            return Stale;
        var to = request.To!.Value;
        if (!AlertWorkflow.CanMove(alert.Status, to))
            return Refuse(Conflict(NotAllowed(alert.Status, to), AlertWorkflow.NextFrom(alert.Status)));
        var outcome = request.Outcome?.Trim();
        var reason = request.Reason?.Trim();
        if (to == AlertStatus.Resolved && string.IsNullOrEmpty(outcome))
            return Refuse(Refusal.Invalid("outcome", "Say what the response achieved (3 to 2000 characters) to resolve the alert."));
        if (to == AlertStatus.Resolved && outcome!.Length < 3)
            return Refuse(Refusal.Invalid("outcome", "Say what the response achieved in 3 to 2000 characters."));
        if (to == AlertStatus.FalseAlarm && (reason is null || reason.Length < 3))
            return Refuse(Refusal.Invalid("reason", "Say why this is a false alarm (3 to 2000 characters)."));
        if (to == AlertStatus.Resolved && !await db.Set<AlertEvent>().AnyAsync(e => e.AlertId == alert.Id && e.Kind == AlertEventKind.Action, cancellationToken))
            return Refuse(Conflict("Record at least one response action (POST …/actions: who did what, when) before resolving the alert; until then it can move to: falseAlarm.",
                AlertWorkflow.NextFrom(alert.Status).Where(s => s != AlertStatus.Resolved).ToList()));

        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        var from = alert.Status;
        alert.Status = to;
        var tookOwnership = to == AlertStatus.Acknowledged && alert.OwnerUserId is null;
        if (to == AlertStatus.Acknowledged)
        {
            alert.AcknowledgedAt = now;
            alert.OwnerUserId ??= userId;
        }
        if (alert.IsClosed)
        {
            alert.ClosedAt = now;
            alert.OpenKey = null;
            alert.Outcome = to == AlertStatus.Resolved ? outcome : reason;
        }
        var text = to switch
        {
            AlertStatus.Resolved => $"Resolved: {outcome}",
            AlertStatus.FalseAlarm => $"False alarm: {reason}",
            _ => request.Note?.Trim() is { Length: > 0 } note ? note : $"{Label(to)}.",
        };
        if (tookOwnership)
            text += $" Owner: user {userId}, who acknowledged it.";
        Log(alert, Kind(to), from, to, userId, text, now);
        audit.Record(Action(to), Alert.AuditEntity, alert.Id, $"Alert moved from {from} to {to}: {Shorten(text)}");
        Touch(alert, now);
        await followUps.TrackAsync(alert, userId, cancellationToken);
        return await SaveAsync(alert, cancellationToken);
    }

    public async Task<Outcome<Alert>> RecordActionAsync(Alert alert, AlertActionRequest request, Guid userId, CancellationToken cancellationToken)
    {
        if (alert.IsClosed)
            return Refuse(Conflict($"The alert is {Name(alert.Status)}: response actions can no longer be recorded.", []));
        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        var at = request.At is { } when ? AuditChain.Truncate(when.UtcDateTime) : now;
        if (at > now.AddMinutes(5))
            return Refuse(Refusal.Invalid("at", "The action lies in the future; give when it was done (UTC or with an offset)."));
        if (at < alert.RaisedAt.AddDays(-1))
            return Refuse(Refusal.Invalid("at", $"The action is dated more than a day before the alert was raised ({alert.RaisedAt:yyyy-MM-dd HH:mm} UTC)."));
        var entry = Log(alert, AlertEventKind.Action, null, null, userId, request.What.Trim(), at);
        entry.RecordedAt = now;
        audit.Record(AuditAction.AlertActionRecorded, Alert.AuditEntity, alert.Id, $"Response action recorded: {Shorten(entry.Text)}");
        await db.SaveChangesAsync(cancellationToken);
        AlertMeasures.Announce(measureChanges, [alert]);
        return Outcome<Alert>.Ok(alert);
    }

    public async Task<Outcome<Alert>> AssignAsync(Alert alert, int expectedVersion, Guid? ownerId, Guid userId, CancellationToken cancellationToken)
    {
        if (alert.Version != expectedVersion)
            return Stale;
        if (alert.IsClosed)
            return Refuse(Conflict($"The alert is {Name(alert.Status)}: its owner can no longer change.", []));
        if (ownerId is { } id && !await editor.CanRespondAsync(id, alert.MissionId, cancellationToken))
            return Refuse(Refusal.Invalid("userId", "Give a user who holds a role in the alert's mission that responds to alerts (analyst, duty officer, field officer, administrator)."));
        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        alert.OwnerUserId = ownerId;
        var text = ownerId is null ? $"Unassigned: the alert falls to the {alert.OwnerRole} role." : $"Assigned to user {ownerId}.";
        Log(alert, AlertEventKind.Assigned, null, null, userId, text, now);
        if (ownerId is not null)
            await notifier.NotifyAsync(alert, AlertNotificationReason.Assigned, now, cancellationToken);
        audit.Record(AuditAction.AlertAssigned, Alert.AuditEntity, alert.Id, text);
        Touch(alert, now);
        await followUps.TrackAsync(alert, userId, cancellationToken);
        return await SaveAsync(alert, cancellationToken);
    }

    private AlertEvent Log(Alert alert, AlertEventKind kind, AlertStatus? from, AlertStatus? to, Guid? userId, string text, DateTime at)
    {
        var entry = new AlertEvent
        {
            AlertId = alert.Id, Kind = kind, FromStatus = from, ToStatus = to, Actor = actor.Actor, ActorUserId = userId, Text = text, At = at,
            RecordedAt = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime),
        };
        db.Set<AlertEvent>().Add(entry);
        return entry;
    }

    private static void Touch(Alert alert, DateTime now)
    {
        alert.Version++;
        alert.UpdatedAt = now;
    }

    private async Task<Outcome<Alert>> SaveAsync(Alert alert, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            AlertMeasures.Announce(measureChanges, [alert]);
            return Outcome<Alert>.Ok(alert);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.DiscardChanges();
            return Stale;
        }
    }

    private Outcome<Alert> Refuse(Refusal refusal)
    {
        db.DiscardChanges();
        return refusal;
    }

    /// <summary>A move or change the alert's state does not allow (409), with the moves it allows instead in <c>allowed</c>.</summary>
    private static Refusal Conflict(string message, IEnumerable<AlertStatus> allowed) =>
        Refusal.Conflict(message) with { Details = new Dictionary<string, object?> { ["allowed"] = allowed.Select(Name).ToList() } };

    private static string NotAllowed(AlertStatus from, AlertStatus to)
    {
        var next = AlertWorkflow.NextFrom(from);
        return next.Count == 0
            ? $"The alert is {Name(from)}: it cannot move any more (not to {Name(to)})."
            : $"An alert that is {Name(from)} cannot move to {Name(to)}; it can move to: {string.Join(", ", next.Select(Name))}.";
    }

    public static string Name(AlertStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static string Label(AlertStatus to) => to == AlertStatus.Acknowledged ? "Acknowledged" : "Response started";

    private static string Shorten(string text) => text.Length > 300 ? text[..299] + "…" : text;

    private static AlertEventKind Kind(AlertStatus to) => to switch
    {
        AlertStatus.Acknowledged => AlertEventKind.Acknowledged,
        AlertStatus.Responding => AlertEventKind.ResponseStarted,
        AlertStatus.Resolved => AlertEventKind.Resolved,
        _ => AlertEventKind.FalseAlarm,
    };

    private static AuditAction Action(AlertStatus to) => to switch
    {
        AlertStatus.Acknowledged => AuditAction.AlertAcknowledged,
        AlertStatus.Responding => AuditAction.AlertResponseStarted,
        AlertStatus.Resolved => AuditAction.AlertResolved,
        _ => AuditAction.AlertFalseAlarm,
    };
}
