using Amani.Platform.Audit;

namespace Amani.Governance.Results;

/// <summary>How an indicator's value is made of its data.</summary>
public enum IndicatorType
{
    /// <summary>A number of things (incidents, meetings held); whole numbers.</summary>
    Count,
    /// <summary>A total of amounts (fatalities, dollars).</summary>
    Sum,
    /// <summary>Numerator ÷ denominator × 100; the value keeps both.</summary>
    Percentage,
    /// <summary>A mean (days to answer).</summary>
    Average,
    /// <summary>Numerator ÷ denominator × <see cref="Indicator.Factor"/> (incidents per 100,000 people).</summary>
    Ratio,
}

public enum IndicatorDirection { HigherIsBetter, LowerIsBetter }

public enum IndicatorFrequency { Monthly, Quarterly, Yearly }

/// <summary>
/// A mission indicator: what it measures and how, who owns it, and (for a computed one) the measure Amani computes it
/// from. Indicators belong to the mission, not to one plan version: a plan version places them in its tree, and their
/// values (<see cref="IndicatorValue"/>) stay attached to them from one version to the next.
/// </summary>
public sealed class Indicator
{
    public static AuditEntity AuditEntity { get; } = new("indicator");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    /// <summary>Unique in the mission; DHIS2's <c>dataElement</c>.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameFr { get; set; }
    public string? Definition { get; set; }
    public required string Unit { get; set; }
    public IndicatorType Type { get; set; }
    /// <summary>The multiplier of a <see cref="IndicatorType.Ratio"/> (100,000 for "per 100,000").</summary>
    public double? Factor { get; set; }
    /// <summary>Whether a percentage may exceed 100 (a numerator above its denominator); refused unless set.</summary>
    public bool AllowOver100 { get; set; }
    public IndicatorDirection Direction { get; set; }
    public IndicatorFrequency Frequency { get; set; }
    /// <summary>The admin level values are given by (1 = prefecture); null: for the whole mission only.</summary>
    public int? AreaLevel { get; set; }
    /// <summary>The category lists values are split by, comma-separated codes (<c>sex,age</c>); empty: totals only.</summary>
    public string Disaggregations { get; set; } = "";
    public string? DataSource { get; set; }
    public Guid? OwnerUserId { get; set; }
    /// <summary>Published on the mission's anonymous results page (security figures by area with small numbers suppressed).</summary>
    public bool Public { get; set; }
    /// <summary>The measure Amani computes it from (<c>incidents.civilian-fatalities</c>); null: values are entered.</summary>
    public string? MeasureKey { get; set; }
    /// <summary>The measure's parameter values as JSON (<c>{"days":7}</c>).</summary>
    public string? MeasureArguments { get; set; }
    /// <summary>The measure's groups it keeps, comma-separated (incident categories); empty: all.</summary>
    public string MeasureGroups { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>When its computed values were last brought up to date.</summary>
    public DateTime? ComputedAt { get; set; }
    public int Version { get; set; } = 1;

    public bool Computed => MeasureKey is not null;
}

/// <summary>An organisation (a partner) that reports values of an indicator: its partner users see and enter them.</summary>
public sealed class IndicatorReporter
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid IndicatorId { get; set; }
    public Guid OrganizationId { get; set; }
}

public enum TargetKind { Baseline, Target }

/// <summary>A baseline or a target of an indicator for one period and area (the empty area code is the whole mission).</summary>
public sealed class IndicatorTarget
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid IndicatorId { get; set; }
    public TargetKind Kind { get; set; }
    public required string Period { get; set; }
    public DateOnly PeriodStart { get; set; }
    public string AreaCode { get; set; } = "";
    public double Value { get; set; }
}

/// <summary>A mission-defined list of categories values can be split by (besides the built-in <c>sex</c> and <c>age</c>).</summary>
public sealed class CategoryList
{
    public static AuditEntity AuditEntity { get; } = new("category_list");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>The options, <c>code=label</c> separated by '|'.</summary>
    public required string Options { get; set; }
}
