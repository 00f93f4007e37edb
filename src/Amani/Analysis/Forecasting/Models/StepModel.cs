using Amani.Analysis.Forecasting.Learning;

namespace Amani.Analysis.Forecasting.Models;

/// <summary>
/// The learned model for one step: its trees, and its training residuals grouped in buckets by predicted level
/// ln(1 + sb[origin]) + prediction and by whether the unit had any death in the 12 months up to the origin.
/// </summary>
internal sealed class StepModel
{
    private static readonly double[] LevelEdges = [0.1, 1, 2, 3, 4, 5, 6];
    private const int ActiveFeature = ConflictFeatures.ActiveShareIndex;
    private const int LevelFeature = ConflictFeatures.LevelIndex;

    private readonly double[][] _residuals;

    private readonly BoostedTrees _trees;

    private StepModel(BoostedTrees trees, double[][] residuals) => (_trees, _residuals) = (trees, residuals);

    /// <summary>The predicted log change (before the dead zone).</summary>
    public double Predict(ReadOnlySpan<float> row) => _trees.Predict(row);

    /// <summary>Total split gain per feature.</summary>
    public IReadOnlyList<double> GainByFeature => _trees.GainByFeature;

    public static StepModel Train(FeatureTable table, int step, LearnedModelOptions options, CancellationToken cancellationToken)
    {
        var rows = table.RowsFor(step);
        if (rows.Count == 0)
            throw new InvalidOperationException($"No training rows for step {step}: the history is too short.");
        var features = new float[rows.Count * ConflictFeatures.Count];
        var targets = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            table.Features(rows[i]).CopyTo(features.AsSpan(i * ConflictFeatures.Count));
            targets[i] = table.Target(rows[i], step);
        }
        var data = new TrainingSet(features, ConflictFeatures.Count, targets) { ValueOrder = ValueOrderOf(table, rows) };
        var trees = GradientBoosting.Train(data, options.Boosting with { Seed = options.Boosting.Seed + step }, out var fitted, cancellationToken);

        var buckets = Enumerable.Range(0, 2 * (LevelEdges.Length + 1)).Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = data.Row(i);
            var prediction = fitted[i];
            buckets[BucketOf(row, prediction)].Add(targets[i] - prediction);
        }
        var residuals = buckets.Select(b => Thin(b, options.ResidualsPerBucket)).ToArray();
        // An empty bucket borrows from the nearest non-empty one of the same activity.
        for (var b = 0; b < residuals.Length; b++)
            if (residuals[b].Length == 0)
                residuals[b] = Nearest(residuals, b) ?? [0];
        return new StepModel(trees, residuals);
    }

    /// <summary>The table's value order of each feature restricted to <paramref name="rows"/>, as positions in <paramref name="rows"/>.</summary>
    private static int[][] ValueOrderOf(FeatureTable table, List<int> rows)
    {
        var position = new int[table.Count];
        Array.Fill(position, -1);
        for (var i = 0; i < rows.Count; i++)
            position[rows[i]] = i;
        return table.ValueOrder.Select(all =>
        {
            var order = new int[rows.Count];
            var taken = 0;
            foreach (var row in all)
                if (position[row] >= 0)
                    order[taken++] = position[row];
            return order;
        }).ToArray();
    }

    /// <summary>The predictive distribution for a forecast with these features and this (un-dead-zoned) prediction.</summary>
    public PredictiveDistribution Distribution(ReadOnlySpan<float> row, double prediction)
    {
        var level = row[LevelFeature] + prediction;
        return EmpiricalDistribution.Shifted(_residuals[BucketOf(row, prediction)], level);
    }

    private static int BucketOf(ReadOnlySpan<float> row, double prediction)
    {
        var level = row[LevelFeature] + prediction;
        var bin = 0;
        while (bin < LevelEdges.Length && level >= LevelEdges[bin])
            bin++;
        return (row[ActiveFeature] > 0 ? LevelEdges.Length + 1 : 0) + bin;
    }

    /// <summary>At most <paramref name="most"/> values, taken at even strides of the sorted values (deterministic).</summary>
    private static double[] Thin(List<double> values, int most)
    {
        values.Sort();
        if (values.Count <= most)
            return values.ToArray();
        return Enumerable.Range(0, most).Select(i => values[(int)((long)i * values.Count / most)]).ToArray();
    }

    private static double[]? Nearest(double[][] residuals, int bucket)
    {
        var group = bucket / (LevelEdges.Length + 1) * (LevelEdges.Length + 1);
        for (var distance = 1; distance <= LevelEdges.Length; distance++)
            foreach (var candidate in new[] { bucket - distance, bucket + distance })
                if (candidate >= group && candidate < group + LevelEdges.Length + 1 && residuals[candidate].Length > 0)
                    return residuals[candidate];
        return null;
    }
}
