using Amani.Platform.Audit;
using Amani.Platform.Records;

namespace Amani.Governance.Lessons;

/// <summary>What a record of the register is: a lesson (observation, discussion, recommendation) or an after-action review.</summary>
public enum LessonKind { Lesson, AfterActionReview }

/// <summary>Draft (its author's), submitted (for validation), validated (read by the whole mission), archived.</summary>
public enum LessonStatus { Draft, Submitted, Validated, Archived }

/// <summary>
/// A lesson learned or an after-action review of a mission. A lesson says what was observed, the discussion and the
/// recommendation; a review what was expected, what happened, why, and what to improve. Its recommendation (a review's
/// improvements) can become a follow-up. When <see cref="Attributed"/> is false, its author is never shown — the id is
/// kept for edit rights and the audit log only. <see cref="Version"/> is the ETag clients send back in If-Match.
/// </summary>
public sealed class Lesson
{
    /// <summary>What audit rows, follow-ups and links name these records (<c>lesson</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("lesson");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public LessonKind Kind { get; set; }
    public required string Title { get; set; }
    /// <summary>When the event the lesson draws on happened, if it is one event.</summary>
    public DateOnly? HappenedOn { get; set; }

    // A lesson
    public string? Observation { get; set; }
    public string? Discussion { get; set; }
    public string? Recommendation { get; set; }

    // An after-action review
    public string? Expected { get; set; }
    public string? Happened { get; set; }
    public string? Causes { get; set; }
    public string? Improvements { get; set; }

    /// <summary>The area it concerns (its subtree); null for the whole mission.</summary>
    public Guid? AreaId { get; set; }
    public LessonStatus Status { get; set; }
    public Guid AuthorUserId { get; set; }
    /// <summary>Whether the author is shown; when false, nobody but the author sees who wrote it (the audit log still records it).</summary>
    public bool Attributed { get; set; }
    /// <summary>The follow-up its recommendation became, if any.</summary>
    public Guid? FollowUpId { get; set; }

    /// <summary>The title, folded for search (lower case, no accents): what the full-text index reads, weighted higher.</summary>
    public string SearchTitle { get; set; } = "";
    /// <summary>The other texts and the themes, folded for search.</summary>
    public string SearchBody { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ValidatedAt { get; set; }
    public int Version { get; set; } = 1;

    public List<LessonTheme> Themes { get; set; } = [];
    public List<LessonLink> Links { get; set; } = [];

    /// <summary>What the lesson asks to do: a lesson's recommendation, a review's improvements.</summary>
    public string? Recommends => Kind == LessonKind.Lesson ? Recommendation : Improvements;
}

/// <summary>A theme a lesson is tagged with, normalised to lower case (<c>early warning</c>, <c>elections</c>).</summary>
public sealed class LessonTheme
{
    public Guid LessonId { get; set; }
    public required string Theme { get; set; }
}

/// <summary>A record the lesson draws on: its kind (a registered <see cref="RecordKind"/>) and id.</summary>
public sealed class LessonLink
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid LessonId { get; set; }
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
}

/// <summary>A step in a lesson's life (the record toolkit's history shape): recorded, edited, moved.</summary>
public sealed class LessonStatusChange : HistoryEntry<LessonStatus>
{
    public Guid LessonId { get; set; }
}
