using System.ComponentModel.DataAnnotations;
using Amani.Platform.Access;

namespace Amani.Analysis.Alerts;

/// <summary>
/// A move of an alert: <c>acknowledged</c>, <c>responding</c>, <c>resolved</c> (with the <see cref="Outcome"/>) or
/// <c>falseAlarm</c> (with the <see cref="Reason"/>); an optional <see cref="Note"/> for the log.
/// </summary>
public sealed record AlertTransitionRequest(
    [property: Required] AlertStatus? To,
    [property: StringLength(AlertLimits.Text, ErrorMessage = "Give a note of at most 2000 characters.")] string? Note,
    [property: StringLength(AlertLimits.Text, ErrorMessage = "Give an outcome of at most 2000 characters.")] string? Outcome,
    [property: StringLength(AlertLimits.Text, ErrorMessage = "Give a reason of at most 2000 characters.")] string? Reason);

/// <summary>A response action: what was done, and when (default: now).</summary>
public sealed record AlertActionRequest(
    [property: Required, StringLength(AlertLimits.Text, MinimumLength = 3, ErrorMessage = "Say what was done in 3 to 2000 characters.")] string What,
    DateTimeOffset? At);

public sealed record AlertAssignmentRequest(Guid? UserId);

public sealed record AlertEvidenceResponse(
    DateTime EvaluatedAt, DateTime? WindowStart, int? WindowDays, double Observed, double Threshold, int? Previous, double? Baseline, double? Factor,
    int IncidentCount, IReadOnlyList<Guid> IncidentIds, int IncidentsNotShown, int ReportCount, IReadOnlyList<Guid> ReportIds, ForecastEvidence? Forecast);

public sealed record AlertEventResponse(Guid Id, AlertEventKind Kind, AlertStatus? From, AlertStatus? To, string Actor, Guid? UserId, string Text,
    DateTime At, DateTime RecordedAt);

public sealed record AlertNotificationResponse(Guid UserId, AlertNotificationReason Reason, DateTime At);

public sealed record AlertSummary(
    Guid Id, string MissionCode, Guid RuleId, string RuleName, AlertRuleKind Kind, AlertSeverity Severity, AlertStatus Status, string? AreaPCode,
    string? AreaName, string Headline, string Explanation, Guid? OwnerUserId, Role OwnerRole, int EscalationLevel, DateTime DeadlineAt, bool Overdue,
    DateTime RaisedAt, DateTime RefreshedAt, bool Public, int Version);

public sealed record AlertPage(IReadOnlyList<AlertSummary> Items, string? NextCursor);

public sealed record AlertResponse(
    Guid Id, string MissionCode, Guid RuleId, string RuleName, AlertRuleKind Kind, AlertSeverity Severity, AlertStatus Status,
    IReadOnlyList<AlertStatus> NextStatuses, string? AreaPCode, string? AreaName, string Headline, string Explanation, AlertEvidenceResponse Evidence,
    Guid? OwnerUserId, Role OwnerRole, int EscalationLevel, DateTime DeadlineAt, bool Overdue, DateTime RaisedAt, DateTime RefreshedAt,
    DateTime? AcknowledgedAt, DateTime? ClosedAt, string? Outcome, bool Public, int Version, IReadOnlyList<AlertEventResponse> Log,
    IReadOnlyList<AlertNotificationResponse> Notifications);
