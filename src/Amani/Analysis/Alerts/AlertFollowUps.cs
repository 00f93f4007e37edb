using Amani.Platform.FollowUps;

namespace Amani.Analysis.Alerts;

/// <summary>
/// Each alert's response is a follow-up (module <c>alerts</c>), kept in step with the alert in the same save: owed by its
/// owner (or its role), due at its deadline, in progress once acknowledged, done when resolved, dropped as a false alarm.
/// The follow-up engine finds overdue ones and calls <see cref="AlertEscalation"/> for them, so alerts appear on the
/// follow-up board and in their owners' "My follow-ups" beside every other commitment.
/// </summary>
public sealed class AlertFollowUps(FollowUpBook book)
{
    public const string Module = "alerts";

    public Task<FollowUp> TrackAsync(Alert alert, Guid? userId, CancellationToken cancellationToken) => book.TrackAsync(new FollowUpTrack(
        alert.MissionId, Module, Alert.AuditEntity.Name, alert.Id, alert.AreaId, alert.Headline,
        alert.OwnerUserId is null ? FollowUpOwnerKind.Role : FollowUpOwnerKind.User, alert.OwnerUserId, alert.OwnerRole, alert.DeadlineAt,
        StatusOf(alert.Status), alert.EscalationLevel, Escalates: AlertWorkflow.EscalatesTo(alert.OwnerRole) is not null), userId, cancellationToken);

    public static FollowUpStatus StatusOf(AlertStatus status) => status switch
    {
        AlertStatus.Open => FollowUpStatus.Open,
        AlertStatus.Acknowledged or AlertStatus.Responding => FollowUpStatus.InProgress,
        AlertStatus.Resolved => FollowUpStatus.Done,
        _ => FollowUpStatus.Dropped,
    };
}
