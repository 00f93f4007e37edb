using Amani.Analysis.Hotspots;
using Xunit;

namespace Amani.Tests.Analysis.Hotspots;

/// <summary>The statistics of the hot-spot analysis against values worked out by hand and published examples.</summary>
public sealed class StatisticsTests
{
    /// <summary>
    /// Five units on a line, values 1, 2, 3, 10, 12, each neighbouring the next. n = 5, x̄ = 28/5 = 5.6,
    /// S² = 258/5 − 5.6² = 20.24. For a neighbourhood of W units the denominator is S·√((5W − W²)/4): √1.5·S for W = 2
    /// and for W = 3 alike. Unit 5 (values 10 + 12 = 22 against 2 × 5.6 = 11.2): z = 10.8 / (√20.24·√1.5) = 1.96008;
    /// unit 4 (3 + 10 + 12 = 25 against 16.8): z = 8.2 / (√20.24·√1.5) = 1.48821; unit 3: (2 + 3 + 10 − 16.8) = −1.8 →
    /// −0.32668; unit 2: (1 + 2 + 3 − 16.8) = −10.8 → −1.96008; unit 1: (1 + 2 − 11.2) = −8.2 → −1.48821.
    /// </summary>
    [Fact]
    public void Gi_star_equals_the_hand_computed_values()
    {
        int[][] neighbourhoods = [[0, 1], [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4]];

        var z = GetisOrd.GiStar([1, 2, 3, 10, 12], neighbourhoods);

        var unit = Math.Sqrt(20.24) * Math.Sqrt(1.5);
        Assert.Equal([-8.2 / unit, -10.8 / unit, -1.8 / unit, 8.2 / unit, 10.8 / unit], z, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(1.9600758233, z[4], 9);
        Assert.Equal(-0.3266793039, z[2], 9);
    }

    [Fact]
    public void Gi_star_is_zero_when_there_is_nothing_to_test()
    {
        Assert.All(GetisOrd.GiStar([4, 4, 4], [[0, 1], [0, 1, 2], [1, 2]]), z => Assert.Equal(0, z)); // no variance
        Assert.All(GetisOrd.GiStar([1, 5, 9], [[0, 1, 2], [0, 1, 2], [0, 1, 2]]), z => Assert.Equal(0, z)); // every neighbourhood is everything
        Assert.Empty(GetisOrd.GiStar([], []));
    }

    [Fact]
    public void The_normal_tail_matches_known_quantiles()
    {
        Assert.Equal(0.05, NormalDistribution.TwoSidedP(1.959963984540054), 6);
        Assert.Equal(0.01, NormalDistribution.TwoSidedP(-2.5758293035489), 7);
        Assert.Equal(0.1, NormalDistribution.TwoSidedP(1.6448536269514722), 6);
        Assert.Equal(1, NormalDistribution.TwoSidedP(0), 6);
        Assert.Equal(9.865876450377012e-10, NormalDistribution.UpperTail(6), 1e-16); // relative error < 1.2e-7 in the far tail
        Assert.InRange(NormalDistribution.UpperTail(10) / 7.619853024160593e-24, 1 - 1.2e-7, 1 + 1.2e-7);
    }

    /// <summary>The 15 p-values of Benjamini and Hochberg (1995, §4.1): at α = 0.05 the first four are discoveries.
    /// Adjusted values as R's <c>p.adjust(p, "BH")</c> gives them.</summary>
    [Fact]
    public void Benjamini_Hochberg_reproduces_the_papers_example()
    {
        double[] p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000];
        double[] expected = [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.063857142857, 0.063857142857, 0.0645, 0.0765, 0.486, 0.581181818182,
            0.714875, 0.753230769231, 0.813214285714, 1];

        var q = FalseDiscoveryRate.Adjust(p);

        Assert.Equal(expected, q, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(4, q.Count(v => v < 0.05));
        // Order does not matter: shuffled p-values get the same q-values.
        var shuffled = new[] { 14, 3, 7, 0, 11, 5, 9, 1, 13, 2, 6, 10, 4, 12, 8 };
        var q2 = FalseDiscoveryRate.Adjust(shuffled.Select(i => p[i]).ToList());
        Assert.Equal(shuffled.Select(i => expected[i]), q2, (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Theory]
    [InlineData(3.0, 0.005, SpotClass.Hot99)]
    [InlineData(2.0, 0.04, SpotClass.Hot95)]
    [InlineData(1.8, 0.09, SpotClass.Hot90)]
    [InlineData(1.8, 0.10, SpotClass.NotSignificant)]
    [InlineData(-2.0, 0.04, SpotClass.Cold95)]
    [InlineData(-3.0, 0.001, SpotClass.Cold99)]
    public void Classes_follow_the_adjusted_p_value_and_the_sign(double z, double q, SpotClass expected) =>
        Assert.Equal(expected, SpotClasses.Of(z, q));

    [Fact]
    public void Mann_Kendall_finds_a_rising_series_and_not_a_flat_one()
    {
        var rising = MannKendall.Test([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        // S = 45, Var(S) = 10·9·25/18 = 125, z = (45 − 1)/√125 = 3.9355
        Assert.Equal(44 / Math.Sqrt(125), rising.Z, 10);
        Assert.True(rising.P < 0.001);
        Assert.Equal(0, MannKendall.Test([5, 5, 5, 5, 5]).Z);
    }

    [Fact]
    public void Emerging_patterns_read_a_months_series_as_ArcGIS_does()
    {
        const SpotClass H = SpotClass.Hot95, C = SpotClass.Cold95, N = SpotClass.NotSignificant;
        EmergingPattern Of(params SpotClass[] classes) => EmergingPatterns.Classify(classes, classes.Select((c, i) => c.IsHot() ? 3.0 + i * 0.01 : 0).ToList());

        Assert.Equal(EmergingPattern.NewHotSpot, Of(N, N, N, N, H));
        Assert.Equal(EmergingPattern.ConsecutiveHotSpot, Of(N, N, N, H, H));
        Assert.Equal(EmergingPattern.SporadicHotSpot, Of(H, N, H, N, H));
        Assert.Equal(EmergingPattern.OscillatingHotSpot, Of(C, N, H, N, H));
        Assert.Equal(EmergingPattern.HistoricalHotSpot, Of(H, H, H, H, H, H, H, H, H, H, N));
        Assert.Equal(EmergingPattern.PersistentHotSpot, EmergingPatterns.Classify(Enumerable.Repeat(H, 10).ToList(), [3, 3.1, 2.9, 3, 3.2, 2.8, 3, 3.1, 2.9, 3]));
        Assert.Equal(EmergingPattern.IntensifyingHotSpot, EmergingPatterns.Classify(Enumerable.Repeat(H, 10).ToList(), Enumerable.Range(0, 10).Select(i => 2.0 + i).ToList()));
        Assert.Equal(EmergingPattern.DiminishingHotSpot, EmergingPatterns.Classify(Enumerable.Repeat(H, 10).ToList(), Enumerable.Range(0, 10).Select(i => 12.0 - i).ToList()));
        Assert.Equal(EmergingPattern.NewColdSpot, Of(N, N, C));
        Assert.Equal(EmergingPattern.None, Of(H, H, N, N, N));
    }
}
