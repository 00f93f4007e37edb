using System.ComponentModel.DataAnnotations;
using Amani.Platform.Access;

namespace Amani.Platform.FollowUps;

/// <summary>
/// Who owes a follow-up: <c>{"kind":"user","userId":…}</c>, <c>{"kind":"role","role":"dutyOfficer"}</c> (whoever holds
/// it in the mission) or <c>{"kind":"external","name":"Prefect of Ouham"}</c> (a party outside Amani; the mission's
/// staff record its progress).
/// </summary>
public sealed record FollowUpOwnerInput(
    [property: Required] FollowUpOwnerKind? Kind,
    Guid? UserId,
    Role? Role,
    [property: StringLength(FollowUpLimits.External, ErrorMessage = "Give the external party's name in at most 200 characters.")] string? Name);

/// <summary>A new follow-up of a mission.</summary>
public sealed record FollowUpCreateRequest(
    [property: Required, StringLength(FollowUpLimits.Title, MinimumLength = 3, ErrorMessage = "Give a title of 3 to 300 characters.")] string Title,
    [property: StringLength(FollowUpLimits.Text, ErrorMessage = "Give details of at most 4000 characters.")] string? Details,
    [property: Required] FollowUpOwnerInput? Owner,
    [property: Required] DateTimeOffset? DueAt,
    [property: Range(0, FollowUpLimits.MaxRemindBeforeHours, ErrorMessage = "Give 0 (no reminder) to 720 hours.")] int? RemindBeforeHours,
    Role? EscalateToRole,
    [property: StringLength(FollowUpLimits.Module, ErrorMessage = "Give a module name of at most 40 characters.")] string? Module,
    [property: StringLength(FollowUpLimits.RecordType, ErrorMessage = "Give a record type of at most 40 characters.")] string? RecordType,
    Guid? RecordId,
    [property: StringLength(64, ErrorMessage = "Give an area's P-code of at most 64 characters.")] string? AreaPCode);

/// <summary>Changes to a follow-up; absent members stay as they are. <see cref="ClearArea"/> makes it mission-wide.</summary>
public sealed record FollowUpEditRequest(
    [property: StringLength(FollowUpLimits.Title, MinimumLength = 3, ErrorMessage = "Give a title of 3 to 300 characters.")] string? Title,
    [property: StringLength(FollowUpLimits.Text, ErrorMessage = "Give details of at most 4000 characters.")] string? Details,
    FollowUpOwnerInput? Owner,
    DateTimeOffset? DueAt,
    [property: Range(0, FollowUpLimits.MaxRemindBeforeHours, ErrorMessage = "Give 0 (no reminder) to 720 hours.")] int? RemindBeforeHours,
    Role? EscalateToRole,
    [property: Range(0, 100, ErrorMessage = "Give the progress in percent, 0 to 100.")] int? Progress,
    [property: StringLength(64, ErrorMessage = "Give an area's P-code of at most 64 characters.")] string? AreaPCode,
    bool? ClearArea,
    [property: StringLength(FollowUpLimits.Text, ErrorMessage = "Give a note of at most 4000 characters.")] string? Note);

/// <summary>A move: <c>inProgress</c>, <c>done</c>, <c>open</c> (reopening needs a reason) or <c>dropped</c> (with the reason).</summary>
public sealed record FollowUpTransitionRequest(
    [property: Required] FollowUpStatus? To,
    [property: StringLength(FollowUpLimits.Text, ErrorMessage = "Give a reason of at most 4000 characters.")] string? Reason);

/// <summary>Evidence as JSON: a note, or a link to a record (<c>recordType</c> and <c>recordId</c>). Files are posted as multipart.</summary>
public sealed record FollowUpEvidenceRequest(
    [property: StringLength(FollowUpLimits.Text, ErrorMessage = "Give a note of at most 4000 characters.")] string? Note,
    [property: StringLength(FollowUpLimits.RecordType, ErrorMessage = "Give a record type of at most 40 characters.")] string? RecordType,
    Guid? RecordId);

public sealed record FollowUpOwnerView(FollowUpOwnerKind Kind, Guid? UserId, Role? Role, string? Name, string Display);

public sealed record FollowUpSummary(
    Guid Id, string MissionCode, string Module, string? RecordType, Guid? RecordId, string? RecordPath, string? AreaPCode, string? AreaName,
    string Title, FollowUpOwnerView Owner, DateTime DueAt, FollowUpStatus Status, bool Overdue, int Progress, int EscalationLevel, bool Managed,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? ClosedAt, int Version);

public sealed record FollowUpPage(IReadOnlyList<FollowUpSummary> Items, string? NextCursor);

public sealed record FollowUpEventView(Guid Id, FollowUpEventKind Kind, FollowUpStatus? From, FollowUpStatus? To, string Actor, Guid? UserId, string Text, DateTime At);

public sealed record FollowUpEvidenceView(
    Guid Id, FollowUpEvidenceKind Kind, string? Note, string? RecordType, Guid? RecordId, string? RecordPath, string? FileName, string? ContentType,
    long? SizeBytes, string AddedBy, DateTime AddedAt);

public sealed record FollowUpResponse(
    FollowUpSummary FollowUp, string? Details, IReadOnlyList<FollowUpStatus> NextStatuses, int RemindBeforeHours, DateTime? RemindAt,
    DateTime? RemindedAt, DateTime? EscalatedAt, Role? EscalateToRole, string CreatedBy, bool CanEdit, bool CanUpdate,
    IReadOnlyList<FollowUpEventView> History, IReadOnlyList<FollowUpEvidenceView> Evidence);
