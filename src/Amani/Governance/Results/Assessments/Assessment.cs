using Amani.Platform.Audit;

namespace Amani.Governance.Results.Assessments;

public enum AssessmentStatus { Draft, Final }

/// <summary>
/// An assessment of the plan: a period, a scope, a method and a team; its findings (each linked to the indicators and
/// records behind it), a rating per objective, and recommendations, each decided by the leadership and — when accepted —
/// followed up. "Adapt" starts the plan's next version from it.
/// </summary>
public sealed class Assessment
{
    public static AuditEntity AuditEntity { get; } = new("assessment");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public Guid PlanId { get; set; }
    public required string Title { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodUntil { get; set; }
    public string? Scope { get; set; }
    public string? Method { get; set; }
    public string? Team { get; set; }
    public AssessmentStatus Status { get; set; }
    public Guid CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;
}

/// <summary>What the assessment found, with the evidence: indicators (by id) and records of any kind (incident, alert…).</summary>
public sealed class Finding
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AssessmentId { get; set; }
    public required string Text { get; set; }
    public int Position { get; set; }
}

/// <summary>A piece of evidence behind a finding: an indicator, or a record of a registered kind.</summary>
public sealed class FindingEvidence
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FindingId { get; set; }
    public Guid? IndicatorId { get; set; }
    public string? RecordType { get; set; }
    public Guid? RecordId { get; set; }
}

public enum ObjectiveRatingValue { OnTrack, PartlyOnTrack, OffTrack, NotAssessed }

/// <summary>The assessment's rating of one objective of the plan (by the node's stable key).</summary>
public sealed class ObjectiveRating
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AssessmentId { get; set; }
    public Guid NodeKey { get; set; }
    public ObjectiveRatingValue Rating { get; set; }
    public string? Comment { get; set; }
}

public enum RecommendationDecision { Pending, Accepted, PartlyAccepted, Rejected }

/// <summary>A recommendation: its owner, the leadership's decision and reason, and the follow-up of an accepted one.</summary>
public sealed class Recommendation
{
    public static AuditEntity AuditEntity { get; } = new("recommendation");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AssessmentId { get; set; }
    public required string Text { get; set; }
    public Guid? OwnerUserId { get; set; }
    public RecommendationDecision Decision { get; set; }
    public string? DecisionReason { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DateOnly? DueOn { get; set; }
    public Guid? FollowUpId { get; set; }
    public int Position { get; set; }
}
