using Amani.Governance.Results.Plans;

namespace Amani.Governance.Results;

/// <summary>The measure an indicator is computed from: its key, its parameters' values, the groups it keeps (all when empty).</summary>
public sealed record MeasureChoice(string Key, IReadOnlyDictionary<string, int>? Arguments, IReadOnlyList<string>? Groups);

/// <summary>An indicator as the API takes it (create and update).</summary>
public sealed record IndicatorInput(
    string? Code, string? Name, string? NameFr, string? Definition, string? Unit, IndicatorType? Type, double? Factor, bool AllowOver100,
    IndicatorDirection? Direction, IndicatorFrequency? Frequency, int? AreaLevel, IReadOnlyList<string>? Disaggregations, string? DataSource,
    Guid? OwnerUserId, bool Public, MeasureChoice? Measure, IReadOnlyList<Guid>? Reporters);

/// <summary>One value as it is entered (grid, CSV, DHIS2): the period in DHIS2 form, the area's P-code (empty or absent: the whole mission), the disaggregation (<c>sex:female,age:18-59</c>; empty: the total).</summary>
public sealed record ValueInput(string? Period, string? Area, string? Disaggregation, double? Value, double? Numerator, double? Denominator,
    string? Comment, bool FollowUp = false);

/// <summary>One value of a batch for an indicator given by code (CSV, DHIS2), with where it came from (<c>line 12</c>, <c>dataValues[3]</c>).</summary>
public sealed record CodedValueInput(string Where, string? Indicator, ValueInput Value);

/// <summary>A line of a batch that was refused, and why (the field named); nothing of the batch is written when there is one.</summary>
public sealed record ValueReject(string Where, string Field, string Message);

/// <summary>What a batch of values did: written (new or changed), unchanged, or the rejects that stopped it.</summary>
public sealed record ValueBatchResult(int Written, int Unchanged, IReadOnlyList<ValueReject> Rejects)
{
    public bool Succeeded => Rejects.Count == 0;
}

public sealed record TargetInput(TargetKind? Kind, string? Period, string? Area, double? Value);

public sealed record ValueResponse(string Period, string Area, string Disaggregation, double Value, double? Numerator, double? Denominator,
    string? Comment, bool FollowUp, bool Computed, string? EnteredBy, DateTime EnteredAt, bool Approved, double? Low = null, double? High = null);

public sealed record TargetResponse(TargetKind Kind, string Period, string Area, double Value);

/// <summary>Where an indicator's latest mission-wide value stands against its target for that period.</summary>
public enum IndicatorStatus { NoData, NoTarget, OnTrack, AtRisk, OffTrack }

public sealed record IndicatorSummary(Guid Id, string Code, string Name, string Unit, IndicatorType Type, IndicatorFrequency Frequency,
    IndicatorDirection Direction, bool Computed, bool Public, string? Formula, IReadOnlyList<ValueResponse> LatestValues,
    double? Target, double? Baseline, IndicatorStatus Status);

public sealed record IndicatorResponse(Guid Id, string Code, string Name, string? NameFr, string? Definition, string Unit, IndicatorType Type,
    double? Factor, bool AllowOver100, IndicatorDirection Direction, IndicatorFrequency Frequency, int? AreaLevel, IReadOnlyList<string> Disaggregations,
    string? DataSource, Guid? OwnerUserId, string? Owner, bool Public, bool Computed, MeasureChoice? Measure, string? Formula,
    IReadOnlyList<Guid> Reporters, IReadOnlyList<TargetResponse> Targets, IReadOnlyList<string> ApprovedPeriods, DateTime? ComputedAt, int Version);

public sealed record PlanInput(string? Title, DateOnly? StartsOn, DateOnly? EndsOn);

public sealed record NextPlanInput(string? Title, DateOnly? StartsOn, DateOnly? EndsOn, Guid? AssessmentId);

/// <summary>A node as the API takes it. <see cref="IndicatorId"/> for an indicator node; <see cref="RecommendationId"/>: the recommendation that caused the change (logged).</summary>
public sealed record NodeInput(Guid? ParentId, PlanLevel? Level, string? Code, string? Name, string? Description, int? Position, Guid? IndicatorId,
    Guid? RecommendationId);

public sealed record PlanNodeResponse(Guid Id, Guid Key, Guid? ParentId, PlanLevel Level, string Code, string Name, string? Description, int Position,
    IndicatorSummary? Indicator, IReadOnlyList<PlanNodeResponse> Children);

public sealed record PlanChangeResponse(PlanChangeKind Kind, Guid? NodeKey, string Text, Guid? RecommendationId, string Actor, DateTime At);

public sealed record PlanSummary(Guid Id, int Number, string Title, PlanStatus Status, DateOnly StartsOn, DateOnly EndsOn, DateTime CreatedAt,
    DateTime? ActivatedAt);

public sealed record PlanResponse(Guid Id, int Number, string Title, PlanStatus Status, DateOnly StartsOn, DateOnly EndsOn, Guid? PreviousPlanId,
    Guid? AssessmentId, DateTime CreatedAt, DateTime? ActivatedAt, int Version, IReadOnlyList<PlanNodeResponse> Tree,
    IReadOnlyList<PlanChangeResponse> Changes);

public sealed record ApprovalInput(string? Period, string? Reason);

public sealed record CategoryListInput(string? Name, IReadOnlyDictionary<string, string>? Options);
