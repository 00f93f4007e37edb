using System.Buffers;
using System.Runtime.CompilerServices;

namespace Amani.Analysis.Forecasting.Learning;

/// <summary>
/// Buckets each feature's values once before training: the thresholds of feature f are midpoints between distinct
/// training values (all of them when there are at most <c>maxBins</c>, else at quantiles). A value x falls in the
/// first bin b with x ≤ threshold[b] (the last bin when it exceeds them all), so a split "bin ≤ b" is the split
/// "x ≤ threshold[b]" that the fitted trees apply to new data.
/// </summary>
public sealed class FeatureBins
{
    private readonly byte[] _columns;

    private FeatureBins(float[][] thresholds, int[] offsets, byte[] columns, int rowCount) =>
        (Thresholds, Offsets, _columns, RowCount, FeatureCount) = (thresholds, offsets, columns, rowCount, offsets.Length);

    /// <summary>Per feature, its ascending split thresholds (bins = thresholds + 1).</summary>
    public float[][] Thresholds { get; }

    /// <summary>Where each feature's bins start in a histogram holding every feature's bins one after the other.</summary>
    public int[] Offsets { get; }

    public int FeatureCount { get; }
    public int RowCount { get; }

    /// <summary>Bins of all features together (the histogram's size).</summary>
    public int TotalBins => Offsets.Length == 0 ? 0 : Offsets[^1] + BinCount(Offsets.Length - 1);

    public int BinCount(int feature) => Thresholds[feature].Length + 1;

    /// <summary>The bin of every row for one feature (feature-major, one byte a row: what partitions and tree walks read).</summary>
    public ReadOnlySpan<byte> Column(int feature) => _columns.AsSpan(feature * RowCount, RowCount);

    /// <summary>Every <see cref="Column"/>, one after the other (feature f's bins at <c>[f·RowCount ..]</c>).</summary>
    internal byte[] Columns => _columns;

    public static FeatureBins Build(TrainingSet data, int maxBins)
    {
        if (maxBins > 256)
            throw new ArgumentOutOfRangeException(nameof(maxBins), maxBins, "At most 256 bins: a bin is stored in a byte.");
        var (rows, features) = (data.Count, data.FeatureCount);
        // Each feature on its own (in parallel: features are independent, so the result is the same): its values sorted
        // once give both its thresholds and, walking them in order, every row's bin.
        var thresholds = new float[features][];
        var columns = new byte[features * rows];
        Parallel.For(0, features, f => thresholds[f] = BinFeature(data, f, maxBins, columns.AsSpan(f * rows, rows)));
        var offsets = new int[features];
        var offset = 0;
        for (var f = 0; f < features; f++)
        {
            offsets[f] = offset;
            offset += thresholds[f].Length + 1;
        }
        return new FeatureBins(thresholds, offsets, columns, rows);
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

    /// <summary>The thresholds of feature <paramref name="feature"/>; writes each row's bin into <paramref name="column"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float[] BinFeature(TrainingSet data, int feature, int maxBins, Span<byte> column)
    {
        var n = data.Count;
        var rows = ArrayPool<int>.Shared.Rent(n);
        var sorted = ArrayPool<float>.Shared.Rent(n);
        try
        {
            SortRows(data, feature, rows.AsSpan(0, n), sorted.AsSpan(0, n));
            var thresholds = ThresholdsOf(sorted.AsSpan(0, n), maxBins);
            // Bins in sorted order: the first b with thresholds[b] ≥ value only moves up (the same bin BinOf gives).
            var bin = 0;
            for (var i = 0; i < n; i++)
            {
                while (bin < thresholds.Length && thresholds[bin] < sorted[i])
                    bin++;
                column[rows[i]] = (byte)bin;
            }
            return thresholds;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
            ArrayPool<float>.Shared.Return(sorted);
        }
    }

    /// <summary>The rows in ascending order of the feature's value, and the values in that order (ties in any order: the values are the same).</summary>
    private static void SortRows(TrainingSet data, int feature, Span<int> rows, Span<float> sorted)
    {
        var column = data.Column(feature);
        if (data.ValueOrder?[feature] is { } order)
        {
            for (var i = 0; i < order.Length; i++)
                (rows[i], sorted[i]) = (order[i], column[order[i]]);
            return;
        }
        var keys = ArrayPool<uint>.Shared.Rent(column.Length);
        try
        {
            for (var i = 0; i < column.Length; i++)
                (keys[i], rows[i]) = (SortKey.Of(column[i]), i);
            SortKey.Sort(keys.AsSpan(0, column.Length), rows);
            for (var i = 0; i < column.Length; i++)
                sorted[i] = SortKey.ValueOf(keys[i]);
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(keys);
        }
    }

    private static float[] ThresholdsOf(ReadOnlySpan<float> sorted, int maxBins)
    {
        var distinct = new List<float>();
        foreach (var value in sorted)
            if (distinct.Count == 0 || distinct[^1] != value)
            {
                distinct.Add(value);
                if (distinct.Count > maxBins)
                    break; // quantile cuts: the distinct values are not needed
            }
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

    private static float? FirstAbove(ReadOnlySpan<float> sorted, float value)
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
