using Amani.Governance.Surveys.Analysis;
using Xunit;
using static Amani.Tests.Governance.Surveys.Analysis.SmallDesign;

namespace Amani.Tests.Governance.Surveys.Analysis;

/// <summary>
/// The engine against the same estimates worked out by hand on <see cref="SmallDesign"/>: weighted totals, the
/// linearised variable's PSU totals z_hi = (Y_hi − R·X_hi) / X, the between-PSU variance within each stratum scaled by
/// n_h / (n_h − 1), the t interval with clusters − strata = 5 − 2 = 3 degrees of freedom.
/// </summary>
public sealed class HandComputedDesignTests
{
    private const double T975With3Df = 3.182446305284263; // Student t table, 97.5 %, 3 degrees of freedom

    private static readonly AnalysisRequest Request = new(
        Breakdowns: [[], ["age"], ["sex", "age"]],
        Sets: [new CategorySet("feels safe", "safe", ["very", "fairly"])],
        MinimumN: 1);

    [Fact]
    public void The_design_has_two_strata_five_clusters_and_three_degrees_of_freedom()
    {
        var design = Round().Design;

        Assert.Equal((10, 2, 5, 3), (design.Respondents, design.Strata, design.Clusters, design.DegreesOfFreedom));
        Assert.Empty(design.SinglePsuStrata);
    }

    [Fact]
    public void A_proportion_its_standard_error_interval_and_design_effect_by_hand()
    {
        var analysis = Analyse(Round(), Request);
        var very = analysis.Find("safe", "very")!;

        // Respondents who answered "safe": all but r4 (missing answers leave the denominator).
        const double X = 2 + 2 + 3 + 1 + 4 + 5 + 5 + 6 + 2;            // = 30, weighted total answering
        const double Y = 2 + 1 + 5;                                     // r1, r5, r8 said "very": 8
        const double R = Y / X;                                         // 0.2667
        // PSU totals of y and x: a1 (r1, r2) Y=2 X=4; a2 (r3; r4 missing) Y=0 X=3; a3 (r5, r6) Y=1 X=5;
        // b1 (r7, r8) Y=5 X=10; b2 (r9, r10) Y=0 X=8. Linearised: z = (Y_hi − R·X_hi) / X.
        double[] zA = [(2 - R * 4) / X, (0 - R * 3) / X, (1 - R * 5) / X];
        double[] zB = [(5 - R * 10) / X, (0 - R * 8) / X];
        var variance = 3.0 / (3 - 1) * SquaresAboutMean(zA) + 2.0 / (2 - 1) * SquaresAboutMean(zB);
        var se = Math.Sqrt(variance);                                    // ≈ 0.157637
        // Simple random sampling of the 9 answers with replacement: s² = n/(n−1)·p(1−p), Var = s²/n.
        var srsVariance = 9.0 / 8 * R * (1 - R) / 9;

        Assert.Equal(9, very.UnweightedN);
        Assert.Equal(R, very.Value!.Value, 12);
        Assert.Equal(se, very.StandardError!.Value, 12);
        Assert.Equal(0.15763686978638403, very.StandardError.Value, 12);
        Assert.Equal(variance / srsVariance, very.DesignEffect!.Value, 10);
        Assert.Equal(X, very.WeightedN!.Value, 12);
        Assert.Equal(3, very.DegreesOfFreedom);
        Assert.Equal(0, very.Lower!.Value);                              // R − t·SE = −0.235 is clipped at 0
        Assert.Equal(R + T975With3Df * se, very.Upper!.Value, 9);
        Assert.False(very.Suppressed);
    }

    [Fact]
    public void A_set_of_categories_counts_a_respondent_who_chose_any_of_them()
    {
        var analysis = Analyse(Round(), Request);
        var safe = analysis.Estimates.Single(e => e is { Kind: EstimateKind.SetProportion, Category: "feels safe", DomainKey: "" });

        const double X = 30;
        const double Y = 2 + 3 + 1 + 5 + 5 + 2;                         // very or fairly: r1, r3, r5, r7, r8, r10 = 18
        const double R = Y / X;                                          // 0.6
        double[] zA = [(2 - R * 4) / X, (3 - R * 3) / X, (1 - R * 5) / X];
        double[] zB = [(10 - R * 10) / X, (2 - R * 8) / X];
        var se = Math.Sqrt(3.0 / 2 * SquaresAboutMean(zA) + 2.0 * SquaresAboutMean(zB));

        Assert.Equal(0.6, safe.Value!.Value, 12);
        Assert.Equal(se, safe.StandardError!.Value, 12);
        Assert.Equal(Math.Max(0, R - T975With3Df * se), safe.Lower!.Value, 9);
        Assert.Equal(Math.Min(1, R + T975With3Df * se), safe.Upper!.Value, 9);
        // The three categories' shares add up to 1 over the same denominator.
        Assert.Equal(1, analysis.Estimates.Where(e => e is { Question: "safe", Kind: EstimateKind.Proportion, DomainKey: "" }).Sum(e => e.Value!.Value), 12);
    }

    [Fact]
    public void A_mean_by_hand_leaves_the_missing_answer_out()
    {
        var trust = Analyse(Round(), Request).Find("trust", null)!;

        // Everyone but r6 (weight 4) answered "trust" — r4 did: X = 29.
        const double X = 2 + 2 + 3 + 3 + 1 + 5 + 5 + 6 + 2;
        const double Y = 2 * 4 + 2 * 2 + 3 * 5 + 3 * 3 + 1 * 1 + 5 * 3 + 5 * 4 + 6 * 2 + 2 * 5; // 94
        const double R = Y / X;                                          // 3.2414
        // PSU totals: a1 Y=12 X=4; a2 Y=24 X=6; a3 (r5 only) Y=1 X=1; b1 Y=35 X=10; b2 Y=22 X=8.
        double[] zA = [(12 - R * 4) / X, (24 - R * 6) / X, (1 - R * 1) / X];
        double[] zB = [(35 - R * 10) / X, (22 - R * 8) / X];
        var se = Math.Sqrt(3.0 / 2 * SquaresAboutMean(zA) + 2.0 * SquaresAboutMean(zB));
        // Weighted variance of the answers for the design effect: Σw(y − ȳ)²/Σw · n/(n−1), over n = 9.
        double[] w = [2, 2, 3, 3, 1, 5, 5, 6, 2], y = [4, 2, 5, 3, 1, 3, 4, 2, 5];
        var s2 = w.Zip(y, (wi, yi) => wi * (yi - R) * (yi - R)).Sum() / X * 9 / 8;

        Assert.Equal(EstimateKind.Mean, trust.Kind);
        Assert.Equal(9, trust.UnweightedN);
        Assert.Equal(R, trust.Value!.Value, 12);
        Assert.Equal(se, trust.StandardError!.Value, 12);
        Assert.Equal(0.31145672588255857, se, 12);
        Assert.Equal(R - T975With3Df * se, trust.Lower!.Value, 9);      // a mean's interval is not clipped
        Assert.Equal(R + T975With3Df * se, trust.Upper!.Value, 9);
        Assert.Equal(se * se / (s2 / 9), trust.DesignEffect!.Value, 9);
    }

    [Fact]
    public void A_domain_is_estimated_over_the_full_design_not_a_subset_of_it()
    {
        var analysis = Analyse(Round(), Request);
        var young = analysis.Find("safe", "very", "age=18-34")!;

        // Aged 18-34 and answered "safe": r1 (a1, very, 2), r5 (a3, very, 1), r6 (a3, not, 4), r10 (b2, fairly, 2).
        // r4 (a2) is 18-34 but did not answer; b1 has nobody aged 18-34. Both PSUs still count: z = 0, n_A = 3, n_B = 2.
        const double X = 2 + 1 + 4 + 2, Y = 2 + 1, R = Y / X;           // 1/3
        double[] zA = [(2 - R * 2) / X, 0, (1 - R * 5) / X];
        double[] zB = [0, (0 - R * 2) / X];
        var variance = 3.0 / 2 * SquaresAboutMean(zA) + 2.0 / 1 * SquaresAboutMean(zB);
        // Subsetting the design first would keep 2 PSUs in A and 1 (lonely) in B: another, wrong, variance.
        var subsetVariance = 2.0 / 1 * SquaresAboutMean((2 - R * 2) / X, (1 - R * 5) / X) + 0;

        Assert.Equal(4, young.UnweightedN);
        Assert.Equal(R, young.Value!.Value, 12);
        Assert.Equal(Math.Sqrt(variance), young.StandardError!.Value, 12);
        Assert.Equal(0.20951312035156966, young.StandardError.Value, 12);
        Assert.NotEqual(Math.Sqrt(subsetVariance), young.StandardError.Value, 6);
        Assert.Equal<DomainValue>([new DomainValue("age", "18-34")], young.Domain);

        // Aged 35+ and answered: r2 (a1, not, 2), r3 (a2, fairly, 3), r7 (b1, fairly, 5), r8 (b1, very, 5),
        // r9 (b2, not, 6). Two PSUs of A hold the domain, a3 does not: it counts with z = 0 and n_A stays 3.
        const double X35 = 2 + 3 + 5 + 5 + 6, R35 = 5 / X35;
        double[] zA35 = [(0 - R35 * 2) / X35, (0 - R35 * 3) / X35, 0];
        double[] zB35 = [(5 - R35 * 10) / X35, (0 - R35 * 6) / X35];
        var older = analysis.Find("safe", "very", "age=35+")!;
        Assert.Equal(Math.Sqrt(3.0 / 2 * SquaresAboutMean(zA35) + 2.0 * SquaresAboutMean(zB35)), older.StandardError!.Value, 12);
        Assert.NotEqual(Math.Sqrt(2.0 * SquaresAboutMean(zA35[..2]) + 2.0 * SquaresAboutMean(zB35)), older.StandardError.Value, 6);
        Assert.Equal(3, young.DegreesOfFreedom);                        // the round's, not the domain's
    }

    [Fact]
    public void A_combination_of_domains_by_hand()
    {
        var analysis = Analyse(Round(), Request);
        var cell = analysis.Estimates.Single(e => e is { Question: "safe", Kind: EstimateKind.SetProportion, DomainKey: "sex=f;age=35+" });

        // Women aged 35+ who answered: r3 (a2, fairly, 3), r7 (b1, fairly, 5), r9 (b2, not, 6).
        const double X = 3 + 5 + 6, Y = 3 + 5, R = Y / X;
        double[] zA = [0, (3 - R * 3) / X, 0];
        double[] zB = [(5 - R * 5) / X, (0 - R * 6) / X];
        var se = Math.Sqrt(3.0 / 2 * SquaresAboutMean(zA) + 2.0 * SquaresAboutMean(zB));

        Assert.Equal(3, cell.UnweightedN);
        Assert.Equal(R, cell.Value!.Value, 12);
        Assert.Equal(se, cell.StandardError!.Value, 12);
        Assert.Equal<DomainValue>([new DomainValue("sex", "f"), new DomainValue("age", "35+")], cell.Domain);
    }

    [Fact]
    public void Cells_come_in_order_and_every_cell_has_every_category()
    {
        var analysis = Analyse(Round(), Request);

        var cells = analysis.Estimates.Where(e => e.Question == "safe").Select(e => e.DomainKey).Distinct().ToList();
        Assert.Equal<string>(["", "age=18-34", "age=35+", "sex=f;age=18-34", "sex=f;age=35+", "sex=m;age=18-34", "sex=m;age=35+"], cells);
        Assert.All(cells, key => Assert.Equal(4, analysis.Estimates.Count(e => e.Question == "safe" && e.DomainKey == key)));
        Assert.DoesNotContain(analysis.Estimates, e => e.Value is double v && !double.IsFinite(v)
            || e.StandardError is double s && !double.IsFinite(s));
    }
}
