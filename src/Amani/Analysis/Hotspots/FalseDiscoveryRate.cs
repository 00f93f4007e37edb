namespace Amani.Analysis.Hotspots;

/// <summary>
/// Benjamini–Hochberg (1995) adjusted p-values ("q-values"): q_(k) = min over j ≥ k of p_(j)·m/j for the p-values sorted
/// ascending, capped at 1. Declaring significant every test with q &lt; α keeps the expected share of false discoveries
/// among them at most α — for independent tests and for positively dependent ones (Benjamini and Yekutieli 2001), as
/// the Gi* of overlapping neighbourhoods are. The same as R's <c>p.adjust(p, "BH")</c>.
/// </summary>
public static class FalseDiscoveryRate
{
    public static double[] Adjust(IReadOnlyList<double> p)
    {
        var m = p.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => p[i]).ToArray();
        var q = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var i = order[rank - 1];
            running = Math.Min(running, p[i] * m / rank);
            q[i] = Math.Min(1, running);
        }
        return q;
    }
}
