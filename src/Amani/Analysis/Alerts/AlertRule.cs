using Amani.Platform.Audit;
using Amani.Platform.Access;

namespace Amani.Analysis.Alerts;

/// <summary>
/// A mission's rule for raising alerts: what to measure (<see cref="Kind"/> with its figures), where (an area and its
/// sub-areas, or the whole mission, optionally each area of <see cref="AreaLevel"/> separately), on which incident
/// categories, how severe the alert is, who owns it, and whether it is published in the CAP feed.
/// <see cref="Version"/> is the ETag clients send back in If-Match.
/// </summary>
public sealed class AlertRule
{
    /// <summary>What audit rows about these records name (<c>alert_rule</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("alert_rule");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public required string Name { get; set; }
    public AlertRuleKind Kind { get; set; }

    /// <summary>The area watched (with its sub-areas); null = the whole mission.</summary>
    public Guid? AreaId { get; set; }
    /// <summary>When set, each area of this level inside the scope is evaluated on its own and gets its own alerts.</summary>
    public int? AreaLevel { get; set; }
    /// <summary>Category codes separated by commas (a type includes its sub-types); null = every category.</summary>
    public string? Categories { get; set; }

    public AlertSeverity Severity { get; set; }
    /// <summary>Published in the public CAP feed. A public rule counts only what the public incident list shows.</summary>
    public bool IsPublic { get; set; }
    public bool Enabled { get; set; } = true;

    public int? Threshold { get; set; }
    public int? WindowDays { get; set; }
    public double? Factor { get; set; }
    public int? MinimumCount { get; set; }
    public int? BaselineWindows { get; set; }
    public ForecastOutcome? ForecastOutcome { get; set; }
    public double? Probability { get; set; }

    /// <summary>Owner of new alerts; null = unassigned, the alert falls to the holders of <see cref="OwnerRole"/>.</summary>
    public Guid? DefaultOwnerUserId { get; set; }
    /// <summary>The role first responsible for the rule's alerts (the first step of the escalation chain).</summary>
    public Role OwnerRole { get; set; } = Role.DutyOfficer;
    /// <summary>Hours to respond, overriding the mission's deadline for the severity.</summary>
    public int? DeadlineHours { get; set; }

    public Guid CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Set when the rule was deleted: it is no longer evaluated; its alerts stay.</summary>
    public DateTime? ArchivedAt { get; set; }
    public int Version { get; set; } = 1;

    /// <summary>Bookkeeping of the evaluator (not audited): when it last ran this rule and what it found.</summary>
    public DateTime? LastEvaluatedAt { get; set; }
    public string? LastEvaluation { get; set; }

    public IReadOnlyList<string> CategoryList =>
        Categories is null ? [] : Categories.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
