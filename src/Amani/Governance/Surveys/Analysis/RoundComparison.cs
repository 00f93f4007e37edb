namespace Amani.Governance.Surveys.Analysis;

/// <summary>
/// The change of one estimate from one round to the next: difference (to − from), its standard error
/// √(SE_from² + SE_to²) — the rounds are independent samples —, the 95 % t interval and the two-sided p-value with
/// Satterthwaite's degrees of freedom (v_from + v_to)² ÷ (v_from²/df_from + v_to²/df_to), rounded down; significant
/// when p &lt; 0.05. Suppressed when either estimate is; without variance (both SEs 0) or degrees of freedom, no
/// interval and no p-value (and not significant).
/// </summary>
public sealed record Change(
    string Question,
    EstimateKind Kind,
    string? Category,
    string DomainKey,
    IReadOnlyList<DomainValue> Domain,
    string FromRound,
    string ToRound,
    bool Suppressed,
    double? From,
    double? To,
    double? Difference,
    double? StandardError,
    double? Lower,
    double? Upper,
    int? DegreesOfFreedom,
    double? PValue,
    bool Significant);

public static class RoundComparison
{
    public const double SignificanceLevel = 0.05;

    /// <summary>Every estimate present in both rounds (same question, category or set, and cell), in the later round's order.</summary>
    public static IReadOnlyList<Change> Compare(RoundAnalysis from, RoundAnalysis to)
    {
        var before = new Dictionary<(string, EstimateKind, string?, string), Estimate>(from.Estimates.Count);
        foreach (var estimate in from.Estimates)
            before[estimate.Key] = estimate;
        var changes = new List<Change>(to.Estimates.Count);
        foreach (var after in to.Estimates)
            if (before.TryGetValue(after.Key, out var earlier))
                changes.Add(Of(earlier, after));
        return changes;
    }

    public static Change Of(Estimate from, Estimate to)
    {
        if (from.Suppressed || to.Suppressed)
            return new Change(to.Question, to.Kind, to.Category, to.DomainKey, to.Domain, from.Round, to.Round, true,
                null, null, null, null, null, null, null, null, false);
        var difference = to.Value!.Value - from.Value!.Value;
        var (v1, v2) = (from.StandardError!.Value * from.StandardError.Value, to.StandardError!.Value * to.StandardError.Value);
        var se = Math.Sqrt(v1 + v2);
        int? df = null;
        double? lower = null, upper = null, p = null;
        if (v1 + v2 > 0 && from.DegreesOfFreedom >= 1 && to.DegreesOfFreedom >= 1)
        {
            var satterthwaite = (v1 + v2) * (v1 + v2) / (v1 * v1 / from.DegreesOfFreedom + v2 * v2 / to.DegreesOfFreedom);
            df = Math.Max(1, (int)Math.Floor(satterthwaite));
            var t = TDistribution.Quantile975(df.Value);
            lower = difference - t * se;
            upper = difference + t * se;
            p = TDistribution.TwoSidedP(difference / se, df.Value);
        }
        return new Change(to.Question, to.Kind, to.Category, to.DomainKey, to.Domain, from.Round, to.Round, false,
            from.Value, to.Value, difference, se, lower, upper, df, p, p < SignificanceLevel);
    }
}
