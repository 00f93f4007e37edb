namespace Amani.Governance.Results.Values;

/// <summary>
/// One value of an indicator for a period, an area (its P-code; empty for the whole mission) and a disaggregation
/// (<c>sex:female,age:18-59</c>, sorted by list; empty for the total). Entered by a person (who, when, a comment, a
/// follow-up flag) or computed by Amani (<see cref="Computed"/>, never typed by hand).
/// </summary>
public sealed class IndicatorValue
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid IndicatorId { get; set; }
    /// <summary>The period in DHIS2 form: <c>202401</c>, <c>2024Q1</c>, <c>2024</c>.</summary>
    public required string Period { get; set; }
    public DateOnly PeriodStart { get; set; }
    public string AreaCode { get; set; } = "";
    public string Disaggregation { get; set; } = "";
    public double Value { get; set; }
    public double? Numerator { get; set; }
    public double? Denominator { get; set; }
    /// <summary>The 95 % interval of a computed value estimated from a sample (a survey measure); null otherwise.</summary>
    public double? IntervalLow { get; set; }
    public double? IntervalHigh { get; set; }
    public string? Comment { get; set; }
    /// <summary>Someone flagged the value to be looked at again.</summary>
    public bool FollowUp { get; set; }
    public bool Computed { get; set; }
    public Guid? EnteredByUserId { get; set; }
    public DateTime EnteredAt { get; set; }
    public int Version { get; set; } = 1;
}

/// <summary>An approved period of an indicator: its values are locked until the approval is withdrawn (audited).</summary>
public sealed class PeriodApproval
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid IndicatorId { get; set; }
    public required string Period { get; set; }
    public Guid ApprovedByUserId { get; set; }
    public DateTime ApprovedAt { get; set; }
}
