using Amani.Analysis.Forecasting.Models;
using Amani.Analysis.Forecasting.Series;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

public sealed class ConflictFeaturesTests
{
    private static MonthlyConflict Sb(double deaths, double ns = 0, double events = 0) => new(deaths, ns, 0, events, 0, 0);

    private static float[] Row(MonthlyConflict[] months, int origin, int firstMonth = 400)
    {
        var unit = new UnitSeries("u", null, firstMonth, months);
        var panel = PanelContext.Of(new SeriesPanel([unit]).Through(firstMonth + months.Length - 1));
        var row = new float[ConflictFeatures.Count];
        ConflictFeatures.Of(months, firstMonth).Write(origin, panel, row);
        return row;
    }

    private static float Feature(float[] row, string name) => row[Array.IndexOf(ConflictFeatures.Names, name)];

    [Fact]
    public void Features_of_a_small_series_by_hand()
    {
        // deaths: 0, 9, 0, 99, 24 (origin = the last month)
        var months = new[] { Sb(0), Sb(9, ns: 3), Sb(0), Sb(99, events: 4), Sb(24, events: 2) };
        var row = Row(months, origin: 4);
        double L(double d) => Math.Log(1 + d);

        Assert.Equal(L(24), Feature(row, "l0 (ln(1+sb) at origin)"), 5);
        Assert.Equal(L(99), Feature(row, "l1 (one month before)"), 5);
        Assert.Equal((L(0) + L(99) + L(24)) / 3, Feature(row, "mean l, 3 months"), 5);
        Assert.Equal((L(9) + L(99) + L(24)) / 5, Feature(row, "mean l, 12 months"), 5); // only 5 months exist
        Assert.Equal(L(99), Feature(row, "max l, 12 months"), 5);
        Assert.Equal(0, Feature(row, "months since sb > 0"));
        Assert.Equal(1, Feature(row, "months since sb ≥ 25"));
        Assert.Equal(ConflictFeatures.CapMonths, Feature(row, "months since sb ≥ 100")); // never ≥ 100: capped
        Assert.Equal(3 / 5f, Feature(row, "share of months sb > 0, 12"), 5);
        Assert.Equal(L(3) / 5, Feature(row, "mean ln(1+ns), 12"), 5);
        Assert.Equal((L(4) + L(2)) / 3, Feature(row, "mean ln(1+sb events), 3"), 5);
        Assert.Equal(L(24) - L(99), Feature(row, "l0 − l1"), 5);
        Assert.Equal(5, Feature(row, "months of history"));
        // Exponentially weighted mean with half-life 6: weights 1, d, d², … from the origin back.
        var d = Math.Pow(0.5, 1 / 6.0);
        double[] back = [L(24), L(99), L(0), L(9), L(0)];
        var ewma = back.Select((v, i) => v * Math.Pow(d, i)).Sum() / back.Select((_, i) => Math.Pow(d, i)).Sum();
        Assert.Equal(ewma - L(24), Feature(row, "ewma l (half-life 6) − l0"), 5);
    }

    [Fact]
    public void Features_at_an_origin_do_not_depend_on_later_months()
    {
        var random = new Random(5);
        var months = Enumerable.Range(0, 200).Select(_ => Sb(random.Next(3) == 0 ? random.Next(500) : 0, random.Next(20), random.Next(10))).ToArray();
        var panelMonths = new SeriesPanel([new UnitSeries("u", null, 300, months)]).Through(300 + 149);
        var panel = PanelContext.Of(panelMonths);

        var fromWhole = new float[ConflictFeatures.Count];
        var fromPrefix = new float[ConflictFeatures.Count];
        ConflictFeatures.Of(months, 300).Write(149, panel, fromWhole);
        ConflictFeatures.Of(months.AsSpan(0, 150), 300).Write(149, panel, fromPrefix);

        Assert.Equal(fromPrefix, fromWhole);
        Assert.All(fromWhole, v => Assert.True(float.IsFinite(v)));
    }
}
