using System.Buffers;
using System.Runtime.CompilerServices;

namespace Amani.Analysis.Forecasting.Learning;

/// <summary>
/// A small gradient-boosted regression tree learner: the histogram variant of XGBoost/LightGBM, without their many options.
/// Amani keeps its own rather than ML.NET's LightGBM or FastTree trainers (Microsoft.ML 6.0.0 would restore here) because
/// this one is tuned and benchmarked on the ViEWS task (README), deterministic bit for bit with a seed, tested against
/// hand-computed trees, and carries no native library.
/// <list type="number">
/// <item>Features are bucketed once (<see cref="FeatureBins"/>, ≤ 256 bins).</item>
/// <item>The model starts at the base score: the weighted mean of the targets (squared error) or their weighted
/// α-quantile (pinball loss).</item>
/// <item>Each round computes every row's gradient g and hessian h of the loss at the current prediction, draws the
/// round's rows and features (seeded), and grows one tree depth-first to <see cref="BoostingOptions.MaxDepth"/>: a
/// node takes the split "feature ≤ threshold" with the largest gain ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)] that
/// leaves at least <see cref="BoostingOptions.MinRowsPerLeaf"/> rows on each side (ties: the lowest feature, then the
/// lowest threshold), else it becomes a leaf of value −G/(H+λ) (pinball loss: the α-quantile of its rows' residuals).
/// Histograms of the larger child are the parent's minus the smaller child's.</item>
/// <item>Leaf values are multiplied by the learning rate and added to the predictions.</item>
/// </list>
/// Single-threaded and deterministic: the same data, options and seed give the same trees, bit for bit.
/// </summary>
public static class GradientBoosting
{
    public static BoostedTrees Train(TrainingSet data, BoostingOptions options, CancellationToken cancellationToken = default) =>
        Train(data, options, out _, cancellationToken);

    /// <summary>Trains, and also returns the model's predictions for the training rows (the same values <see cref="BoostedTrees.Predict"/> gives).</summary>
    public static BoostedTrees Train(TrainingSet data, BoostingOptions options, out double[] fitted, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (data.Count == 0)
            throw new ArgumentException("No training rows.", nameof(data));
        var bins = FeatureBins.Build(data, options.MaxBins);
        var grower = new TreeGrower(data, bins, options);
        var baseScore = options.Loss is BoostingLoss.Pinball pinball
            ? WeightedQuantile(data.Targets, Enumerable.Range(0, data.Count).Select(data.WeightOf).ToArray(), pinball.Alpha)
            : WeightedMean(data);
        var predictions = Enumerable.Repeat(baseScore, data.Count).ToArray();
        var random = new SplitMix64((ulong)options.Seed);
        var trees = new List<RegressionTree>(options.Trees);
        var sample = new int[data.Count];
        for (var round = 0; round < options.Trees; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (drawn, others) = SampleRows(sample, options.RowSubsample, ref random);
            var features = SampleFeatures(data.FeatureCount, options.FeatureSubsample, ref random);
            trees.Add(grower.Grow(drawn, others, features, predictions));
            grower.AddLeafValues(predictions);
        }
        fitted = predictions; // base + the trees' leaf values added in tree order, as Predict sums them
        return new BoostedTrees(baseScore, trees, grower.GainByFeature);
    }

    private static double WeightedMean(TrainingSet data)
    {
        double sum = 0, weights = 0;
        for (var i = 0; i < data.Count; i++)
        {
            sum += data.WeightOf(i) * data.Targets[i];
            weights += data.WeightOf(i);
        }
        return sum / weights;
    }

    /// <summary>The smallest of <paramref name="values"/> whose cumulative weight (values sorted) reaches α of the total.</summary>
    internal static double WeightedQuantile(double[] values, double[] weights, double alpha)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort((double[])values.Clone(), order);
        var total = weights.Sum();
        double cumulative = 0;
        foreach (var i in order)
        {
            cumulative += weights[i];
            if (cumulative >= alpha * total * (1 - 1e-12))
                return values[i];
        }
        return values[order[^1]];
    }

    /// <summary>
    /// Each row with probability <paramref name="share"/> (uniform &lt; share, compared on the 53-bit integer: the same
    /// draws as NextDouble() &lt; share). The drawn rows end up ascending at the start of <paramref name="buffer"/>, the
    /// others after them (in descending order).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ArraySegment<int> Drawn, ArraySegment<int> Others) SampleRows(int[] buffer, double share, ref SplitMix64 random)
    {
        var n = buffer.Length;
        if (share >= 1)
        {
            for (var i = 0; i < n; i++)
                buffer[i] = i;
            return (new ArraySegment<int>(buffer, 0, n), new ArraySegment<int>(buffer, n, 0));
        }
        var limit = (ulong)Math.Ceiling(share * (1UL << 53)); // k < r ⟺ k < ⌈r⌉ for a whole k
        var draws = ArrayPool<ulong>.Shared.Rent(n);
        random.Fill(draws.AsSpan(0, n));
        var taken = 0;
        for (var i = 0; i < n; i++)
        {
            // Written at both ends, kept at one (no branch to mispredict): taken + left out = i, so neither write
            // touches a row already placed.
            var drawn = draws[i] >> 11 < limit ? 1 : 0;
            buffer[taken] = i;
            buffer[n - 1 - (i - taken)] = i;
            taken += drawn;
        }
        ArrayPool<ulong>.Shared.Return(draws);
        return (new ArraySegment<int>(buffer, 0, taken), new ArraySegment<int>(buffer, taken, n - taken));
    }

    private static bool[] SampleFeatures(int count, double share, ref SplitMix64 random)
    {
        var allowed = new bool[count];
        var take = Math.Max(1, (int)Math.Ceiling(count * share));
        if (take >= count)
        {
            Array.Fill(allowed, true);
            return allowed;
        }
        var order = Enumerable.Range(0, count).ToArray();
        for (var i = 0; i < take; i++) // partial Fisher–Yates
        {
            var j = random.Next(i, count);
            (order[i], order[j]) = (order[j], order[i]);
            allowed[order[i]] = true;
        }
        return allowed;
    }
}
