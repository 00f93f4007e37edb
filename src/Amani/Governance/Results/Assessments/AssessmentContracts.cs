using Amani.Governance.Results.Plans;
using Amani.Platform.FollowUps;

namespace Amani.Governance.Results.Assessments;

/// <summary>An assessment as the API takes it (create and update). <see cref="PlanId"/>: the plan version assessed (create only; default: the mission's current plan).</summary>
public sealed record AssessmentInput(string? Title, DateOnly? PeriodFrom, DateOnly? PeriodUntil, string? Scope, string? Method, string? Team, Guid? PlanId);

/// <summary>A piece of evidence: one of the mission's indicators (<see cref="IndicatorId"/>), or a record of a registered kind (<see cref="RecordType"/> and <see cref="RecordId"/>).</summary>
public sealed record EvidenceInput(Guid? IndicatorId, string? RecordType, Guid? RecordId);

public sealed record FindingInput(string? Text, IReadOnlyList<EvidenceInput>? Evidence);

/// <summary>The rating of one objective: the <see cref="NodeKey"/> of an objective of the assessment's plan.</summary>
public sealed record RatingInput(Guid? NodeKey, ObjectiveRatingValue? Rating, string? Comment);

public sealed record RecommendationInput(string? Text, Guid? OwnerUserId, DateOnly? DueOn);

/// <summary>The leadership's decision; a <see cref="Reason"/> for partlyAccepted and rejected; <see cref="DueOn"/> replaces the recommendation's due date.</summary>
public sealed record DecisionInput(RecommendationDecision? Decision, string? Reason, DateOnly? DueOn);

public sealed record EvidenceResponse(Guid? IndicatorId, string? IndicatorCode, string? RecordType, Guid? RecordId, string? Path);

public sealed record FindingResponse(Guid Id, string Text, int Position, IReadOnlyList<EvidenceResponse> Evidence);

public sealed record RatingResponse(Guid NodeKey, string? NodeCode, string? NodeName, ObjectiveRatingValue Rating, string? Comment);

public sealed record FollowUpRef(Guid Id, FollowUpStatus Status, DateTime DueAt, string Path);

/// <summary>A change of a plan version that names the recommendation as its cause.</summary>
public sealed record CausedChange(Guid PlanId, int PlanNumber, PlanChangeKind Kind, Guid? NodeKey, string Text, string Actor, DateTime At);

public sealed record RecommendationResponse(Guid Id, string Text, Guid? OwnerUserId, string? Owner, DateOnly? DueOn, RecommendationDecision Decision,
    string? DecisionReason, string? DecidedBy, DateTime? DecidedAt, FollowUpRef? FollowUp, IReadOnlyList<CausedChange> Changes);

public sealed record AdaptedPlan(Guid Id, int Number, PlanStatus Status);

public sealed record AssessmentResponse(Guid Id, string MissionCode, Guid PlanId, int PlanNumber, string Title, DateOnly PeriodFrom, DateOnly PeriodUntil,
    string? Scope, string? Method, string? Team, AssessmentStatus Status, string? CreatedBy, DateTime CreatedAt, DateTime UpdatedAt, int Version,
    IReadOnlyList<FindingResponse> Findings, IReadOnlyList<RatingResponse> Ratings, IReadOnlyList<RecommendationResponse> Recommendations,
    IReadOnlyList<AdaptedPlan> AdaptedPlans);

public sealed record AssessmentSummary(Guid Id, string Title, DateOnly PeriodFrom, DateOnly PeriodUntil, AssessmentStatus Status, int PlanNumber,
    int Findings, int Recommendations, int Pending, DateTime UpdatedAt);
