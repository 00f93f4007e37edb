namespace Amani.Forecasting.Learning;

/// <summary>
/// Buckets each feature's values once before training: the thresholds of feature f are midpoints between distinct
/// training values (all of them when there are at most <c>maxBins</c>, else at quantiles). A value x falls in the
/// first bin b with x ≤ threshold[b] (the last bin when it exceeds them all), so a split "bin ≤ b" is the split
/// "x ≤ threshold[b]" that the fitted trees apply to new data.
/// </summary>
public sealed class FeatureBins
{
    private FeatureBins(float[][] thresholds, byte[] binned, int featureCount) => (Thresholds, Binned, FeatureCount) = (thresholds, binned, featureCount);

    /// <summary>Per feature, its ascending split thresholds (bins = thresholds + 1).</summary>
    public float[][] Thresholds { get; }

    /// <summary>The bin of every row and feature, row-major (row i at <c>[i·FeatureCount ..]</c>): a histogram pass reads each row once.</summary>
    public byte[] Binned { get; }

    public int FeatureCount { get; }

    public byte BinOf(int row, int feature) => Binned[row * FeatureCount + feature];

    public int BinCount(int feature) => Thresholds[feature].Length + 1;

    public static FeatureBins Build(TrainingSet data, int maxBins)
    {
        var thresholds = new float[data.FeatureCount][];
        var binned = new byte[data.Features.Length];
        var column = new float[data.Count];
        for (var f = 0; f < data.FeatureCount; f++)
        {
            for (var i = 0; i < data.Count; i++)
                column[i] = data.Features[i * data.FeatureCount + f];
            thresholds[f] = ThresholdsOf(column, maxBins);
            for (var i = 0; i < data.Count; i++)
                binned[i * data.FeatureCount + f] = (byte)BinOf(thresholds[f], column[i]);
        }
        return new FeatureBins(thresholds, binned, data.FeatureCount);
    }

    public static int BinOf(float[] thresholds, float value)
    {
        int low = 0, high = thresholds.Length; // first index with thresholds[index] ≥ value
        while (low < high)
        {
            var middle = (low + high) >> 1;
            if (thresholds[middle] < value)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    private static float[] ThresholdsOf(float[] column, int maxBins)
    {
        var sorted = (float[])column.Clone();
        Array.Sort(sorted);
        var distinct = new List<float>();
        foreach (var value in sorted)
            if (distinct.Count == 0 || distinct[^1] != value)
                distinct.Add(value);
        var cuts = new List<float>();
        if (distinct.Count <= maxBins)
        {
            for (var i = 0; i + 1 < distinct.Count; i++)
                cuts.Add(Midpoint(distinct[i], distinct[i + 1]));
            return cuts.ToArray();
        }
        // Quantile cuts: after the value at rank k·n/maxBins, halfway to the next distinct value.
        for (var k = 1; k < maxBins; k++)
        {
            var value = sorted[(int)((long)k * sorted.Length / maxBins) - 1];
            var next = FirstAbove(sorted, value);
            if (next is { } above)
            {
                var cut = Midpoint(value, above);
                if (cuts.Count == 0 || cuts[^1] < cut)
                    cuts.Add(cut);
            }
        }
        return cuts.ToArray();
    }

    private static float Midpoint(float below, float above)
    {
        var middle = below + (above - below) / 2;
        return middle < above ? middle : below; // adjacent floats: below itself still separates them (x ≤ below)
    }

    private static float? FirstAbove(float[] sorted, float value)
    {
        int low = 0, high = sorted.Length; // first index with sorted[index] > value
        while (low < high)
        {
            var middle = (low + high) >> 1;
            if (sorted[middle] <= value)
                low = middle + 1;
            else
                high = middle;
        }
        return low < sorted.Length ? sorted[low] : null;
    }
}
