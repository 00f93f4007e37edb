namespace Amani.Analysis.Hotspots;

/// <summary>
/// The Mann–Kendall test for a monotonic trend in a series (Mann 1945; Kendall 1975): S = Σ_{i&lt;j} sign(x_j − x_i),
/// its variance corrected for ties, and the continuity-corrected z-score with its two-sided p-value.
/// </summary>
public static class MannKendall
{
    public sealed record Trend(double Z, double P);

    public static Trend Test(IReadOnlyList<double> series)
    {
        var n = series.Count;
        if (n < 3)
            return new Trend(0, 1);
        long s = 0;
        for (var i = 0; i < n - 1; i++)
            for (var j = i + 1; j < n; j++)
                s += Math.Sign(series[j] - series[i]);
        double ties = series.GroupBy(x => x).Select(g => (double)g.Count()).Where(t => t > 1).Sum(t => t * (t - 1) * (2 * t + 5));
        var variance = (n * (n - 1.0) * (2 * n + 5) - ties) / 18;
        if (variance <= 0)
            return new Trend(0, 1);
        var z = s switch { > 0 => (s - 1) / Math.Sqrt(variance), < 0 => (s + 1) / Math.Sqrt(variance), _ => 0 };
        return new Trend(z, NormalDistribution.TwoSidedP(z));
    }
}
