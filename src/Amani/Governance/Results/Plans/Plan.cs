using Amani.Platform.Audit;

namespace Amani.Governance.Results.Plans;

public enum PlanStatus { Draft, Active, Superseded }

/// <summary>The levels of a plan's tree, from the mandate's priorities down to the indicators that measure them.</summary>
public enum PlanLevel { Priority, Objective, Outcome, Output, Indicator }

/// <summary>
/// One version of a mission's plan: a tree of <see cref="PlanNode"/>s over a span of time. Version 1 is written from
/// scratch; every later version starts as a copy of the one before it (its nodes keep their <see cref="PlanNode.Key"/>)
/// and keeps a change log (<see cref="PlanChange"/>). A draft is edited, then activated, which supersedes the active
/// version; an active or superseded version never changes.
/// </summary>
public sealed class Plan
{
    public static AuditEntity AuditEntity { get; } = new("results_plan");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    /// <summary>1, 2, 3… within the mission.</summary>
    public int Number { get; set; }
    public required string Title { get; set; }
    public PlanStatus Status { get; set; }
    /// <summary>The first day the plan covers; targets must fall within <see cref="StartsOn"/>…<see cref="EndsOn"/>.</summary>
    public DateOnly StartsOn { get; set; }
    /// <summary>The last day the plan covers (inclusive).</summary>
    public DateOnly EndsOn { get; set; }
    public Guid? PreviousPlanId { get; set; }
    /// <summary>The assessment this version adapts the plan to, when "adapt" created it.</summary>
    public Guid? AssessmentId { get; set; }
    public Guid CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ActivatedAt { get; set; }
    public int Version { get; set; } = 1;
}

/// <summary>
/// A node of a plan's tree: a priority, objective, outcome, output or indicator. <see cref="Key"/> is the same in every
/// version of the plan, so a node can be followed (and diffed) from one version to the next; an indicator node names the
/// mission's <see cref="Indicator"/>, which carries its values across versions.
/// </summary>
public sealed class PlanNode
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public Guid Key { get; set; } = Guid.CreateVersion7();
    public Guid? ParentId { get; set; }
    public PlanLevel Level { get; set; }
    /// <summary>The node's code in the plan ("P1", "O1.2", "OC1.2.1"); for an indicator node, the indicator's code.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int Position { get; set; }
    public Guid? IndicatorId { get; set; }
}

public enum PlanChangeKind { Created, Added, Changed, Moved, Removed, IndicatorChanged, Activated }

/// <summary>One line of a plan version's change log: what changed against the version before, who did it, and which recommendation caused it.</summary>
public sealed class PlanChange
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public PlanChangeKind Kind { get; set; }
    public Guid? NodeKey { get; set; }
    public required string Text { get; set; }
    public Guid? RecommendationId { get; set; }
    public required string Actor { get; set; }
    public Guid? ActorUserId { get; set; }
    public DateTime At { get; set; }
}
