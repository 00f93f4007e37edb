namespace Amani.Forecasting.Learning;

/// <summary>
/// Buckets each feature's values once before training: the thresholds of feature f are midpoints between distinct
/// training values (all of them when there are at most <c>maxBins</c>, else at quantiles). A value x falls in the
/// first bin b with x ≤ threshold[b] (the last bin when it exceeds them all), so a split "bin ≤ b" is the split
/// "x ≤ threshold[b]" that the fitted trees apply to new data.
/// </summary>
public sealed class FeatureBins
{
    private FeatureBins(float[][] thresholds, ushort[] slots, int[] offsets) =>
        (Thresholds, Slots, Offsets, FeatureCount) = (thresholds, slots, offsets, offsets.Length);

    /// <summary>Per feature, its ascending split thresholds (bins = thresholds + 1).</summary>
    public float[][] Thresholds { get; }

    /// <summary>Where each feature's bins start in a histogram holding every feature's bins one after the other.</summary>
    public int[] Offsets { get; }

    /// <summary>
    /// The histogram slot (feature offset + bin) of every row and feature, row-major (row i at <c>[i·FeatureCount ..]</c>):
    /// a histogram pass reads each row once and adds to the slot without further arithmetic.
    /// </summary>
    public ushort[] Slots { get; }

    public int FeatureCount { get; }

    /// <summary>Bins of all features together (the histogram's size).</summary>
    public int TotalBins => Offsets.Length == 0 ? 0 : Offsets[^1] + BinCount(Offsets.Length - 1);

    public int BinCount(int feature) => Thresholds[feature].Length + 1;

    public static FeatureBins Build(TrainingSet data, int maxBins)
    {
        // Each feature's thresholds on their own (in parallel: features are independent, so the result is the same)…
        var thresholds = new float[data.FeatureCount][];
        Parallel.For(0, data.FeatureCount, f =>
        {
            var column = new float[data.Count];
            for (var i = 0; i < data.Count; i++)
                column[i] = data.Features[i * data.FeatureCount + f];
            thresholds[f] = ThresholdsOf(column, maxBins);
        });
        var offsets = new int[data.FeatureCount];
        var offset = 0;
        for (var f = 0; f < data.FeatureCount; f++)
        {
            offsets[f] = offset;
            offset += thresholds[f].Length + 1;
        }
        if (offset > ushort.MaxValue + 1)
            throw new ArgumentException($"{data.FeatureCount} features × up to {maxBins} bins exceed {ushort.MaxValue + 1} histogram slots.", nameof(data));
        // … then every row's slots, in blocks of rows.
        var slots = new ushort[data.Features.Length];
        const int block = 4_096;
        Parallel.For(0, (data.Count + block - 1) / block, b =>
        {
            for (var i = b * block; i < Math.Min(data.Count, (b + 1) * block); i++)
                for (var f = 0; f < data.FeatureCount; f++)
                    slots[i * data.FeatureCount + f] = (ushort)(offsets[f] + BinOf(thresholds[f], data.Features[i * data.FeatureCount + f]));
        });
        return new FeatureBins(thresholds, slots, offsets);
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
