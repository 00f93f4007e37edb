using Amani.Platform.Access;
using Amani.Platform.Audit;

namespace Amani.Platform.FollowUps;

/// <summary>
/// Something owed by a date, attached to a record of any module (an alert's response, a commitment made in a meeting,
/// a recommendation): who owes it (<see cref="OwnerKind"/>), by when, how far it is, what shows it done, and its
/// history (<see cref="FollowUpEvent"/>). Overdue is derived: not closed and past <see cref="DueAt"/>. Reminders go out
/// <see cref="RemindBeforeHours"/> before the due date and escalations after it (<see cref="FollowUpEngine"/>).
/// <see cref="Version"/> is the ETag clients send back in If-Match.
/// </summary>
public sealed class FollowUp
{
    /// <summary>What audit rows about these records name (<c>follow_up</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("follow_up");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    /// <summary>The module the follow-up belongs to, by its folder name in lower case (<c>alerts</c>, <c>liaison</c>, <c>general</c>).</summary>
    public required string Module { get; set; }
    /// <summary>The record it follows, by its audit entity name (<c>alert</c>) and id; null for a free-standing follow-up.</summary>
    public string? RecordType { get; set; }
    public Guid? RecordId { get; set; }
    /// <summary>Where it applies, for the area filter and area-scoped roles; null for the whole mission.</summary>
    public Guid? AreaId { get; set; }

    public required string Title { get; set; }
    public string? Details { get; set; }

    public FollowUpOwnerKind OwnerKind { get; set; }
    public Guid? OwnerUserId { get; set; }
    public Role? OwnerRole { get; set; }
    /// <summary>An external party's name (a prefect, a community committee, a partner organisation).</summary>
    public string? OwnerExternal { get; set; }

    public DateTime DueAt { get; set; }
    /// <summary>How long before <see cref="DueAt"/> the owner is reminded; 0 = no reminder.</summary>
    public int RemindBeforeHours { get; set; }
    /// <summary>When the reminder goes out (<see cref="DueAt"/> − <see cref="RemindBeforeHours"/>); null = none.</summary>
    public DateTime? RemindAt { get; set; }
    public DateTime? RemindedAt { get; set; }
    /// <summary>When the next escalation is due (the due date, then a week after each escalation); null = no more.</summary>
    public DateTime? NextEscalationAt { get; set; }
    /// <summary>How many times it was escalated after its due date (0 = not yet).</summary>
    public int EscalationLevel { get; set; }
    public DateTime? EscalatedAt { get; set; }
    /// <summary>The role whose holders in the mission hear of it from the second escalation on; null = administrators.</summary>
    public Role? EscalateToRole { get; set; }

    public FollowUpStatus Status { get; set; }
    /// <summary>How far it is, 0–100 %.</summary>
    public int Progress { get; set; }
    /// <summary>
    /// Kept in step with its record by its module (an alert's follow-up moves with the alert): people act on the record,
    /// not on the follow-up, and its moves through the API are refused.
    /// </summary>
    public bool Managed { get; set; }

    public required string CreatedBy { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public int Version { get; set; } = 1;

    public bool IsClosed => Status is FollowUpStatus.Done or FollowUpStatus.Dropped;

    public bool IsOverdue(DateTime now) => !IsClosed && DueAt < now;

    /// <summary>Escalations of a follow-up no module manages: at the due date, then weekly, this many in all.</summary>
    public const int MaxEscalations = 3;

    public static readonly TimeSpan EscalationInterval = TimeSpan.FromDays(7);

    /// <summary>
    /// Sets <see cref="RemindAt"/> and <see cref="NextEscalationAt"/> from the due date, the reminder lead and the
    /// escalations so far. A new due date starts both again (<paramref name="rescheduled"/>).
    /// </summary>
    public void Schedule(bool rescheduled)
    {
        if (rescheduled)
        {
            RemindedAt = null;
            EscalationLevel = Managed ? EscalationLevel : 0;
            EscalatedAt = Managed ? EscalatedAt : null;
        }
        RemindAt = RemindBeforeHours > 0 ? DueAt.AddHours(-RemindBeforeHours) : null;
        NextEscalationAt = IsClosed ? null
            : Managed ? DueAt
            : EscalationLevel == 0 ? DueAt
            : EscalationLevel < MaxEscalations ? EscalatedAt!.Value + EscalationInterval
            : null;
    }
}

public enum FollowUpStatus { Open, InProgress, Done, Dropped }

/// <summary>Who owes a follow-up: one user, whoever holds a role in the mission, or a party outside Amani.</summary>
public enum FollowUpOwnerKind { User, Role, External }

public enum FollowUpEventKind { Created, Moved, Progress, Evidence, Reassigned, Rescheduled, Edited, Reminded, Escalated }

/// <summary>One entry of a follow-up's history: who did what when (<see cref="Actor"/> as the audit log names it).</summary>
public sealed class FollowUpEvent : Platform.Records.HistoryEntry<FollowUpStatus>
{
    public Guid FollowUpId { get; set; }
    public FollowUpEventKind Kind { get; set; }
}

public enum FollowUpEvidenceKind { Note, Record, File }

/// <summary>
/// What shows a follow-up's progress or completion: a note, a link to a record of Amani (by audit entity name and id), or
/// a file (kept in the database, at most <see cref="FollowUpLimits.FileBytes"/>; images are stored without their metadata).
/// </summary>
public sealed class FollowUpEvidence
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FollowUpId { get; set; }
    public FollowUpEvidenceKind Kind { get; set; }
    public string? Note { get; set; }
    public string? RecordType { get; set; }
    public Guid? RecordId { get; set; }
    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Content { get; set; }
    public long? SizeBytes { get; set; }
    public required string AddedBy { get; set; }
    public Guid? AddedByUserId { get; set; }
    public DateTime AddedAt { get; set; }
}

public static class FollowUpLimits
{
    public const int Module = 40;
    public const int RecordType = 40;
    public const int Title = 300;
    public const int Text = 4000;
    public const int External = 200;
    public const int FileName = 200;
    public const int FileBytes = 10 * 1024 * 1024;
    public const int MaxRemindBeforeHours = 30 * 24;
    /// <summary>How far ahead a due date may be set (ten years: a commitment of a peace agreement can run long).</summary>
    public const int MaxDueYears = 10;
}
