using Amani.Governance.Surveys.Analysis;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Analysis;

/// <summary>
/// Two independent rounds, each one stratum of three clusters of two respondents (weight 1; 3 − 1 = 2 degrees of
/// freedom), worked by hand: each round's mean and variance, the difference, its standard error √(v₁ + v₂),
/// Satterthwaite's degrees of freedom, and the p-value from Student's t with 2 degrees of freedom, whose distribution
/// function has a closed form: F(t) = 1/2 + t / (2√(2 + t²)), so p = 1 − |t| / √(2 + |t|²), and its 97.5 % quantile
/// is 0.95 / √(2 · 0.975 · 0.025).
/// </summary>
public sealed class RoundChangeTests
{
    private static readonly AnalysisQuestion Score = AnalysisQuestion.Number("score");

    private static RoundAnalysis Round(string name, double shift, int minimumN = 1, params double[][] clusters)
    {
        var respondents = clusters.SelectMany((values, c) => values.Select(v => new Respondent("S", $"c{c}", 1,
            new Dictionary<string, string?>(), new Dictionary<string, Answer> { ["score"] = Answer.Number(v + shift) }))).ToList();
        var round = SmallDesign.Build(name, [Score], [], respondents);
        return SmallDesign.Analyse(round, new AnalysisRequest([[]], [], minimumN));
    }

    // Round 1: clusters (1, 3), (9, 11), (5, 7): mean 6; PSU totals 4, 20, 12 against R·X = 12: z = (−8, 8, 0) / 6.
    private static RoundAnalysis First(int minimumN = 1) => Round("2024", 0, minimumN, [1, 3], [9, 11], [5, 7]);

    // Round 2: clusters (7, 8), (8, 9), (8, 8) + shift: mean 8 + shift; z = (−1, 1, 0) / 6.
    private static RoundAnalysis Second(double shift, int minimumN = 1) => Round("2025", shift, minimumN, [7, 8], [8, 9], [8, 8]);

    private static readonly double V1 = 3.0 / 2 * (64.0 + 64.0) / 36;  // 5.3333
    private static readonly double V2 = 3.0 / 2 * (1.0 + 1.0) / 36;    // 0.08333
    private static readonly double Satterthwaite = (V1 + V2) * (V1 + V2) / (V1 * V1 / 2 + V2 * V2 / 2); // 2.0625 → 2
    private static readonly double T975With2Df = 0.95 / Math.Sqrt(2 * 0.975 * 0.025);

    [Fact]
    public void The_change_its_error_interval_and_p_value_by_hand()
    {
        var change = RoundComparison.Compare(First(), Second(0)).Single();

        var se = Math.Sqrt(V1 + V2);
        var t = 2 / se;
        Assert.Equal(2, (int)Math.Floor(Satterthwaite));
        Assert.Equal(("2024", "2025"), (change.FromRound, change.ToRound));
        Assert.Equal(6, change.From!.Value, 12);
        Assert.Equal(8, change.To!.Value, 12);
        Assert.Equal(2, change.Difference!.Value, 12);
        Assert.Equal(se, change.StandardError!.Value, 12);
        Assert.Equal(2, change.DegreesOfFreedom);
        Assert.Equal(2 - T975With2Df * se, change.Lower!.Value, 9);
        Assert.Equal(2 + T975With2Df * se, change.Upper!.Value, 9);
        Assert.Equal(1 - t / Math.Sqrt(2 + t * t), change.PValue!.Value, 9); // ≈ 0.48
        Assert.False(change.Significant);
    }

    [Fact]
    public void A_large_change_is_significant_at_five_percent()
    {
        var change = RoundComparison.Compare(First(), Second(20)).Single();

        var t = 22 / Math.Sqrt(V1 + V2);
        Assert.Equal(22, change.Difference!.Value, 12);
        Assert.Equal(1 - t / Math.Sqrt(2 + t * t), change.PValue!.Value, 9); // ≈ 0.011
        Assert.True(change.Significant);
        Assert.True(change.Lower > 0);
    }

    [Fact]
    public void A_change_is_suppressed_when_either_round_is()
    {
        var change = RoundComparison.Compare(First(minimumN: 7), Second(20)).Single();

        Assert.True(change.Suppressed);
        Assert.Null(change.Difference);
        Assert.Null(change.PValue);
        Assert.False(change.Significant);
    }

    [Fact]
    public void Without_variance_there_is_no_test_rather_than_a_division_by_zero()
    {
        var flat = Round("2024", 0, 1, [5, 5], [5, 5], [5, 5]);
        var change = RoundComparison.Compare(flat, Round("2025", 0, 1, [6, 6], [6, 6], [6, 6])).Single();

        Assert.Equal(1, change.Difference!.Value, 12);
        Assert.Equal(0, change.StandardError!.Value);
        Assert.Null(change.PValue);
        Assert.Null(change.Lower);
        Assert.False(change.Significant);
    }
}
