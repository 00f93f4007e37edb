namespace Amani.Forecasting.Learning;

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
        if (features.Any(v => !float.IsFinite(v)) || targets.Any(v => !double.IsFinite(v)) || (weights?.Any(w => !(w > 0) || double.IsInfinity(w)) ?? false))
            throw new ArgumentException("Features and targets must be finite, weights positive and finite.");
        (Features, FeatureCount, Targets, Weights) = (features, featureCount, targets, weights);
    }

    public float[] Features { get; }
    public int FeatureCount { get; }
    public double[] Targets { get; }
    public double[]? Weights { get; }
    public int Count => Targets.Length;

    public ReadOnlySpan<float> Row(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);
    public double WeightOf(int index) => Weights?[index] ?? 1;
}
