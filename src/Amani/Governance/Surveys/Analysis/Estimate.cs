namespace Amani.Governance.Surveys.Analysis;

public enum EstimateKind
{
    /// <summary>The weighted share of respondents who answered the question that chose <see cref="Estimate.Category"/>.</summary>
    Proportion,

    /// <summary>The weighted share choosing any category of the <see cref="CategorySet"/> named <see cref="Estimate.Category"/>.</summary>
    SetProportion,

    /// <summary>The weighted mean of a number question.</summary>
    Mean,
}

/// <summary>One value of a domain variable: <c>admin2 = CF11</c>, <c>sex = female</c>.</summary>
public sealed record DomainValue(string Variable, string Value);

/// <summary>
/// One design-based estimate for one cell. <see cref="DomainKey"/> is "" for the whole round, else
/// <c>variable=value</c> pairs joined by ";" in the breakdown's order. <see cref="UnweightedN"/> counts the cell's
/// respondents who answered (the denominator). A suppressed cell (n below the minimum) carries no value, error,
/// interval, design effect or weighted size. The interval is the 95 % t interval with the round's degrees of freedom
/// (clusters − strata), clipped to [0, 1] for a proportion; it is absent when the round has no degree of freedom.
/// </summary>
public sealed record Estimate(
    string Round,
    string Question,
    EstimateKind Kind,
    string? Category,
    string DomainKey,
    IReadOnlyList<DomainValue> Domain,
    int UnweightedN,
    bool Suppressed,
    double? Value,
    double? StandardError,
    double? Lower,
    double? Upper,
    double? DesignEffect,
    double? WeightedN,
    int DegreesOfFreedom)
{
    internal (string Question, EstimateKind Kind, string? Category, string DomainKey) Key => (Question, Kind, Category, DomainKey);
}

/// <summary>A round's estimates, in order: breakdown, cell, question, then the question's categories and sets.</summary>
public sealed record RoundAnalysis(string Round, DesignSummary Design, int MinimumN, IReadOnlyList<Estimate> Estimates)
{
    public Estimate? Find(string question, string? category, string domainKey = "") =>
        Estimates.FirstOrDefault(e => e.Question == question && e.Category == category && e.DomainKey == domainKey);
}
