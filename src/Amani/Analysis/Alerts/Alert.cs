using Amani.Platform.Audit;
using Amani.Platform.Access;

namespace Amani.Analysis.Alerts;

/// <summary>
/// An alert raised by a rule for an area (or the whole mission): why it fired (<see cref="Explanation"/>, with the
/// evidence), who owns it, by when it must be handled, and where it stands. While it is not closed,
/// <see cref="OpenKey"/> (rule and area) is set and unique, so a rule never has two open alerts for one area — not even
/// when two nodes evaluate at once. <see cref="Version"/> is the ETag clients send back in If-Match.
/// </summary>
public sealed class Alert
{
    /// <summary>What audit rows about these records name (<c>alert</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("alert");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public Guid RuleId { get; set; }
    public Guid? AreaId { get; set; }
    /// <summary>"{rule id}:{area id or 'mission'}" while the alert is open, acknowledged or responding; null once closed.</summary>
    public string? OpenKey { get; set; }

    public AlertRuleKind Kind { get; set; }
    public AlertSeverity Severity { get; set; }
    /// <summary>Raised by a public rule from public data only: may appear in the CAP feed (while its rule stays public).</summary>
    public bool IsPublic { get; set; }
    public AlertStatus Status { get; set; }

    public required string Headline { get; set; }
    public required string Explanation { get; set; }
    /// <summary>The evidence as JSON (<see cref="AlertEvidence"/>): figures, incident and report ids, the forecast.</summary>
    public required string EvidenceJson { get; set; }
    /// <summary>What the evidence says, without the moving window: a refresh that finds the same is not recorded.</summary>
    public required string EvidenceFingerprint { get; set; }

    public Guid? OwnerUserId { get; set; }
    /// <summary>The role responsible now: the rule's owner role, raised one step by each escalation.</summary>
    public Role OwnerRole { get; set; }
    public int EscalationLevel { get; set; }
    public DateTime DeadlineAt { get; set; }

    public DateTime RaisedAt { get; set; }
    public DateTime RefreshedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>The outcome of a resolved alert, or why it was a false alarm.</summary>
    public string? Outcome { get; set; }

    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    public static string KeyOf(Guid ruleId, Guid? areaId) => $"{ruleId:N}:{(areaId is { } area ? area.ToString("N") : "mission")}";

    public bool IsClosed => Status is AlertStatus.Resolved or AlertStatus.FalseAlarm;

    public bool IsOverdue(DateTime now) => !IsClosed && DeadlineAt < now;
}

/// <summary>One entry of an alert's log: a step of its life or a response action — who, what, when.</summary>
public sealed class AlertEvent : Platform.Records.HistoryEntry<AlertStatus>
{
    public Guid AlertId { get; set; }
    public AlertEventKind Kind { get; set; }
    /// <summary>When it was written down (<see cref="Platform.Records.HistoryEntry{TStatus}.At"/> is when it happened: for a response action, when it was done, as the person recording it says).</summary>
    public DateTime RecordedAt { get; set; }
}

/// <summary>A user told about an alert: when it was raised for them, assigned to them, or escalated to their role.</summary>
public sealed class AlertNotification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AlertId { get; set; }
    public Guid UserId { get; set; }
    public AlertNotificationReason Reason { get; set; }
    public DateTime CreatedAt { get; set; }
}
