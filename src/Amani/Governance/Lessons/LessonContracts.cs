using System.ComponentModel.DataAnnotations;
using Amani.Platform.FollowUps;

namespace Amani.Governance.Lessons;

/// <summary>A record the lesson draws on: a registered record kind (<c>incident</c>, <c>community_report</c>, <c>alert</c>, <c>lesson</c> …) and its id.</summary>
public sealed record LessonLinkInput(
    [property: Required, StringLength(LessonLimits.RecordType)] string Kind,
    [property: Required] Guid? Id);

/// <summary>
/// A lesson or an after-action review as a person writes it (shape checks here; rules in <see cref="LessonBook"/>). A
/// lesson needs <c>observation</c> and <c>recommendation</c> (<c>discussion</c> is optional); a review needs
/// <c>expected</c>, <c>happened</c>, <c>causes</c> and <c>improvements</c>. <c>attributed</c> defaults to true.
/// </summary>
public sealed record LessonInput(
    [property: Required] LessonKind? Kind,
    [property: Required, StringLength(LessonLimits.Title, MinimumLength = 3, ErrorMessage = "Give a title of 3 to 200 characters.")] string Title,
    DateOnly? HappenedOn,
    [property: StringLength(LessonLimits.Text)] string? Observation,
    [property: StringLength(LessonLimits.Text)] string? Discussion,
    [property: StringLength(LessonLimits.Text)] string? Recommendation,
    [property: StringLength(LessonLimits.Text)] string? Expected,
    [property: StringLength(LessonLimits.Text)] string? Happened,
    [property: StringLength(LessonLimits.Text)] string? Causes,
    [property: StringLength(LessonLimits.Text)] string? Improvements,
    [property: MaxLength(LessonLimits.Themes, ErrorMessage = "Give at most 10 themes.")] string[]? Themes,
    [property: StringLength(64)] string? AreaPCode,
    bool? Attributed,
    [property: MaxLength(LessonLimits.Links, ErrorMessage = "Link at most 20 records.")] LessonLinkInput[]? Links);

public sealed record LessonTransitionRequest(
    [property: Required] LessonStatus? To,
    [property: StringLength(LessonLimits.Reason)] string? Reason);

/// <summary>Turns the lesson's recommendation into a follow-up: who owes it and by when (the title defaults to the lesson's).</summary>
public sealed record LessonFollowUpRequest(
    [property: StringLength(FollowUpLimits.Title, MinimumLength = 3, ErrorMessage = "Give a title of 3 to 300 characters.")] string? Title,
    [property: Required] FollowUpOwnerInput? Owner,
    [property: Required] DateTimeOffset? DueAt,
    [property: Range(0, FollowUpLimits.MaxRemindBeforeHours, ErrorMessage = "Give 0 (no reminder) to 720 hours.")] int? RemindBeforeHours);

/// <summary>Who wrote a lesson — present only when the lesson is attributed.</summary>
public sealed record LessonAuthor(Guid UserId, string Name);

/// <summary>A linked record, with its page in the app (null for a kind no module registers any more).</summary>
public sealed record LessonLinkResponse(string Kind, Guid Id, string? Path);

public sealed record LessonFollowUpResponse(Guid Id, string Path);

/// <summary>A step of the lesson's history; <c>actor</c> is "the author" for the steps of a lesson's author when it is not attributed.</summary>
public sealed record LessonHistoryResponse(LessonStatus? From, LessonStatus? To, string Actor, string Text, DateTime At);

/// <summary>
/// One lesson as the caller may see it. <c>author</c> is null when the lesson is not attributed (<c>mine</c> tells the
/// author it is theirs); <c>canEdit</c>, <c>nextStatuses</c> (the moves the caller may make) and <c>canAskFollowUp</c>
/// say what the caller may do.
/// </summary>
public sealed record LessonResponse(
    Guid Id, string MissionCode, LessonKind Kind, string Title, DateOnly? HappenedOn,
    string? Observation, string? Discussion, string? Recommendation, string? Expected, string? Happened, string? Causes, string? Improvements,
    IReadOnlyList<string> Themes, string? AreaPCode, string? AreaName, LessonStatus Status, IReadOnlyList<LessonStatus> NextStatuses,
    bool Attributed, LessonAuthor? Author, bool Mine, bool CanEdit, bool CanAskFollowUp,
    IReadOnlyList<LessonLinkResponse> Links, LessonFollowUpResponse? FollowUp,
    int Version, DateTime CreatedAt, DateTime UpdatedAt, DateTime? ValidatedAt, IReadOnlyList<LessonHistoryResponse> History);

public sealed record LessonSummary(
    Guid Id, LessonKind Kind, string Title, LessonStatus Status, IReadOnlyList<string> Themes, string? AreaPCode, string? AreaName,
    bool Attributed, LessonAuthor? Author, bool Mine, string Excerpt, DateTime UpdatedAt, int Version);

/// <summary>A lesson as an export writes it: its summary (no author when it is not attributed) and the lesson's texts.</summary>
public sealed record LessonExportRow(LessonSummary Summary, DateOnly? HappenedOn, string? Observation, string? Discussion, string? Recommendation,
    string? Expected, string? Happened, string? Causes, string? Improvements);

/// <summary>A page of lessons; <c>nextCursor</c> gives the next one.</summary>
public sealed record LessonPage(IReadOnlyList<LessonSummary> Items, string? NextCursor);

/// <summary>A theme in use in the mission, and how many lessons the caller sees with it.</summary>
public sealed record LessonThemeCount(string Theme, int Lessons);

/// <summary>The filters of a list or a search, as given in the query string.</summary>
public sealed record LessonFilter(string? Q, string? Theme, string? Area, string? Kind, string? Status, bool? Mine);
