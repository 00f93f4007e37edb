namespace Amani.Analysis.Hotspots;

/// <summary>
/// The Getis–Ord Gi* statistic (Getis and Ord 1992; Ord and Getis 1995) with binary weights that include the unit
/// itself: for unit i with neighbourhood N(i) ∋ i of size W,
/// <code>
/// Gi* = (Σ_{j∈N(i)} x_j − x̄·W) / (S · √((n·W − W²) / (n − 1))),   x̄ = Σx/n,   S = √(Σx²/n − x̄²)
/// </code>
/// a z-score under the null hypothesis of no spatial association (values randomly permuted over the units), read
/// against the normal distribution. Positive: the neighbourhood holds more than its share (a hot spot); negative: less
/// (a cold spot). When all values are equal, or a neighbourhood is everything, there is nothing to test: z = 0.
/// </summary>
public static class GetisOrd
{
    /// <param name="values">x, one per unit.</param>
    /// <param name="neighbourhoods">For each unit, the indices of its neighbourhood — the unit itself included.</param>
    public static double[] GiStar(IReadOnlyList<double> values, IReadOnlyList<int[]> neighbourhoods)
    {
        var n = values.Count;
        if (neighbourhoods.Count != n)
            throw new ArgumentException("There must be one neighbourhood per value.", nameof(neighbourhoods));
        var z = new double[n];
        if (n < 2)
            return z;
        double sum = 0, squares = 0;
        foreach (var x in values)
        {
            sum += x;
            squares += x * x;
        }
        var mean = sum / n;
        var s = Math.Sqrt(Math.Max(0, squares / n - mean * mean));
        for (var i = 0; i < n; i++)
        {
            var neighbourhood = neighbourhoods[i];
            double w = neighbourhood.Length, local = 0;
            foreach (var j in neighbourhood)
                local += values[j];
            var spread = s * Math.Sqrt((n * w - w * w) / (n - 1));
            z[i] = spread > 1e-12 * Math.Max(1, Math.Abs(mean)) ? (local - mean * w) / spread : 0;
        }
        return z;
    }
}
