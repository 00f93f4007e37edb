using System.Buffers;

namespace Amani.Analysis.Forecasting.Learning;

/// <summary>
/// Rows for a learner: <see cref="Features"/> is row-major (row i is <c>Features[i·FeatureCount .. (i+1)·FeatureCount)</c>),
/// every value finite; <see cref="Weights"/> (optional) are positive.
/// </summary>
public sealed class TrainingSet
{
    public TrainingSet(float[] features, int featureCount, double[] targets, double[]? weights = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (features.Length != featureCount * targets.Length)
            throw new ArgumentException($"{features.Length} feature values for {targets.Length} rows of {featureCount} features.", nameof(features));
        if (weights is not null && weights.Length != targets.Length)
            throw new ArgumentException($"{weights.Length} weights for {targets.Length} rows.", nameof(weights));
        if (!AllFinite(features) || targets.Any(v => !double.IsFinite(v)) || (weights?.Any(w => !(w > 0) || double.IsInfinity(w)) ?? false))
            throw new ArgumentException("Features and targets must be finite, weights positive and finite.");
        (Features, FeatureCount, Targets, Weights) = (features, featureCount, targets, weights);
        _columns = new(() => Transpose(Features, FeatureCount));
    }

    private readonly Lazy<float[]> _columns;

    public float[] Features { get; }
    public int FeatureCount { get; }
    public double[] Targets { get; }
    public double[]? Weights { get; }
    public int Count => Targets.Length;

    /// <summary>
    /// Optional, per feature: the rows in ascending order of the feature's value (ties in any order). A caller that
    /// trains several models on rows of one table sorts them once and spares each model its sort; the order is checked
    /// here, and the learner gives the same model as without it.
    /// </summary>
    public IReadOnlyList<int[]>? ValueOrder
    {
        get;
        init
        {
            if (value is not null && (value.Count != FeatureCount || Enumerable.Range(0, FeatureCount).Any(f => !Orders(value[f], f))))
                throw new ArgumentException($"A value order is, for each of the {FeatureCount} features, the {Count} rows in ascending order of the feature's value.", nameof(ValueOrder));
            field = value;
        }
    }

    /// <summary>Whether <paramref name="order"/> is a permutation of the rows along which feature <paramref name="feature"/> never decreases.</summary>
    private bool Orders(int[] order, int feature)
    {
        if (order.Length != Count)
            return false;
        var column = Column(feature);
        var seen = ArrayPool<bool>.Shared.Rent(Count);
        try
        {
            seen.AsSpan(0, Count).Clear();
            var previous = float.NegativeInfinity;
            foreach (var row in order)
            {
                if ((uint)row >= (uint)Count || seen[row] || column[row] < previous)
                    return false;
                (seen[row], previous) = (true, column[row]);
            }
            return true;
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(seen);
        }
    }

    /// <summary>Feature <paramref name="feature"/> of every row (the features transposed once, on first use, so that per-feature passes read memory in order).</summary>
    public ReadOnlySpan<float> Column(int feature) => _columns.Value.AsSpan(feature * Count, Count);

    /// <summary>Row-major values of rows <paramref name="width"/> wide, column by column.</summary>
    internal static float[] Transpose(ReadOnlySpan<float> values, int width)
    {
        var count = values.Length / width;
        var columns = GC.AllocateUninitializedArray<float>(values.Length);
        const int block = 256; // rows at a time: their values stay in cache while each feature's run is written
        for (var start = 0; start < count; start += block)
        {
            var end = Math.Min(count, start + block);
            for (var f = 0; f < width; f++)
                for (var i = start; i < end; i++)
                    columns[f * count + i] = values[i * width + f];
        }
        return columns;
    }

    private static bool AllFinite(float[] values)
    {
        foreach (var value in values)
            if (!float.IsFinite(value))
                return false;
        return true;
    }

    public ReadOnlySpan<float> Row(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);
    public double WeightOf(int index) => Weights?[index] ?? 1;
}
