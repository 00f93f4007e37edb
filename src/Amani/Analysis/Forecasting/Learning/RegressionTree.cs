namespace Amani.Analysis.Forecasting.Learning;

/// <summary>
/// A fitted binary regression tree, stored as parallel arrays (node 0 is the root). An inner node sends x left when
/// x[<see cref="Feature"/>] ≤ <see cref="Threshold"/>; a leaf (feature −1) holds its value, already multiplied by the
/// learning rate.
/// </summary>
public sealed class RegressionTree
{
    private readonly int[] _feature;
    private readonly float[] _threshold;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly double[] _value;

    internal RegressionTree(int[] feature, float[] threshold, int[] left, int[] right, double[] value) =>
        (_feature, _threshold, _left, _right, _value) = (feature, threshold, left, right, value);

    public IReadOnlyList<int> Feature => _feature;
    public IReadOnlyList<float> Threshold => _threshold;
    public IReadOnlyList<int> Left => _left;
    public IReadOnlyList<int> Right => _right;
    public IReadOnlyList<double> Value => _value;

    public int NodeCount => _feature.Length;
    public bool IsLeaf(int node) => _feature[node] < 0;

    public double Predict(ReadOnlySpan<float> features) => _value[LeafOf(features)];

    /// <summary>The leaf that <paramref name="features"/> end in.</summary>
    public int LeafOf(ReadOnlySpan<float> features)
    {
        var node = 0;
        while (_feature[node] >= 0)
            node = features[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];
        return node;
    }
}

/// <summary>A boosted ensemble: <see cref="BaseScore"/> plus the sum of the trees' leaf values.</summary>
public sealed class BoostedTrees(double baseScore, IReadOnlyList<RegressionTree> trees, IReadOnlyList<double> gainByFeature)
{
    public double BaseScore { get; } = baseScore;
    public IReadOnlyList<RegressionTree> Trees { get; } = trees;
    /// <summary>Total split gain per feature over all trees (a rough importance).</summary>
    public IReadOnlyList<double> GainByFeature { get; } = gainByFeature;

    public double Predict(ReadOnlySpan<float> features)
    {
        var sum = BaseScore;
        foreach (var tree in Trees)
            sum += tree.Predict(features);
        return sum;
    }
}
