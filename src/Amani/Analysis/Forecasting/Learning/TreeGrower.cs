using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Amani.Analysis.Forecasting.Learning;

/// <summary>
/// Grows one regression tree of a boosting round on binned features (see <see cref="GradientBoosting"/>). Every sum is
/// taken in the order of the plain algorithm (a node's rows ascending, cell by cell), so the trees are the same bit for
/// bit whatever the layout; the speed comes from the layout: histograms read each row's cells as byte offsets (row-major),
/// partitions read one byte column, and the rows left out of the round are partitioned along with the others, so every
/// row's leaf is known without walking the tree.
/// </summary>
internal sealed class TreeGrower
{
    private readonly TrainingSet _data;
    private readonly FeatureBins _bins;
    private readonly BoostingOptions _options;
    private readonly int[] _offsets;
    private readonly int _totalBins;
    private readonly ushort[]? _narrowOffsets; // each row's cells (byte offsets in a histogram), row-major, when they fit 16 bits
    private readonly uint[]? _wideOffsets;     // … when they do not (more than 4,096 cells)
    private readonly int _stride;
    private readonly double[] _gradients;
    private readonly double[]? _hessians; // null: every row weighs 1, so every hessian is 1 and H counts rows
    private readonly double[] _gainByFeature;
    private readonly int[] _index;        // the round's rows; a node's rows are contiguous (stable partitions keep them ascending)
    private readonly int[] _others;       // the rows left out of the round, partitioned the same way
    private readonly int[] _scratch;      // partition buffer
    private readonly Stack<Histogram> _spare = new();

    public TreeGrower(TrainingSet data, FeatureBins bins, BoostingOptions options)
    {
        (_data, _bins, _options) = (data, bins, options);
        (_offsets, _totalBins, _stride) = (bins.Offsets, bins.TotalBins, bins.FeatureCount);
        if (_totalBins * CellBytes <= ushort.MaxValue + 1)
            _narrowOffsets = CellOffsets<ushort>(bins);
        else
            _wideOffsets = CellOffsets<uint>(bins);
        _gradients = new double[data.Count];
        _hessians = data.Weights is null ? null : new double[data.Count];
        _gainByFeature = new double[data.FeatureCount];
        _index = new int[data.Count];
        _others = new int[data.Count];
        _scratch = new int[data.Count];
    }

    public IReadOnlyList<double> GainByFeature => _gainByFeature;

    private struct Cell
    {
        public double G;
        public double H;
    }

    /// <summary>
    /// Sums of gradients and hessians per (feature, bin), all features in one array. Both losses have hessian = row
    /// weight, so H is also the (weighted) number of rows.
    /// </summary>
    private sealed class Histogram(int size)
    {
        public readonly Cell[] Cells = new Cell[size];

        public void Subtract(Histogram other)
        {
            // Lane by lane: the same subtractions as G −= G′ and H −= H′.
            var cells = MemoryMarshal.Cast<Cell, Vector128<double>>(Cells.AsSpan());
            var others = MemoryMarshal.Cast<Cell, Vector128<double>>(other.Cells.AsSpan());
            for (var i = 0; i < cells.Length; i++)
                cells[i] -= others[i];
        }
    }

    private readonly record struct Split(int Feature, int Bin, double Gain);

    /// <summary>A node's rows: <c>_index[Start..End)</c> of the round, <c>_others[OtherStart..OtherEnd)</c> left out of it.</summary>
    private readonly record struct Rows(int Start, int End, int OtherStart, int OtherEnd)
    {
        public int Count => End - Start;
    }

    private readonly List<int> _feature = [];
    private readonly List<int> _bin = [];   // the split's bin within its feature
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<double> _value = [];
    private readonly List<(int Node, Rows Rows)> _leaves = [];
    private double[] _predictions = [];
    private bool[] _allowed = [];

    /// <summary>
    /// Grows the round's tree on <paramref name="rows"/> (ascending) from the current <paramref name="predictions"/>;
    /// <paramref name="others"/> are the rows left out of the round.
    /// </summary>
    public RegressionTree Grow(ArraySegment<int> rows, ArraySegment<int> others, bool[] allowedFeatures, double[] predictions)
    {
        (_predictions, _allowed) = (predictions, allowedFeatures);
        _feature.Clear(); _bin.Clear(); _left.Clear(); _right.Clear(); _value.Clear(); _leaves.Clear();
        SetGradients(rows.AsSpan(), predictions);
        rows.AsSpan().CopyTo(_index);
        others.AsSpan().CopyTo(_others);
        var all = new Rows(0, rows.Count, 0, others.Count);
        var histogram = Build(all, out var sums);
        GrowNode(all, sums, 0, histogram);

        var thresholds = new float[_feature.Count];
        for (var node = 0; node < _feature.Count; node++)
            thresholds[node] = _feature[node] >= 0 ? _bins.Thresholds[_feature[node]][_bin[node]] : 0;
        return new RegressionTree(_feature.ToArray(), thresholds, _left.ToArray(), _right.ToArray(), _value.ToArray());
    }

    /// <summary>Adds the last grown tree's leaf values to the predictions of every row (each row gets its leaf's value once).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddLeafValues(double[] predictions)
    {
        ref var prediction = ref MemoryMarshal.GetArrayDataReference(predictions); // rows are valid indexes: no bounds checks
        foreach (var (node, rows) in _leaves)
        {
            var value = _value[node];
            foreach (var row in _index.AsSpan(rows.Start, rows.Count))
                Unsafe.Add(ref prediction, row) += value;
            foreach (var row in _others.AsSpan(rows.OtherStart, rows.OtherEnd - rows.OtherStart))
                Unsafe.Add(ref prediction, row) += value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SetGradients(ReadOnlySpan<int> rows, double[] predictions)
    {
        // Rows are valid indexes of every per-row array: no bounds checks.
        ref var target = ref MemoryMarshal.GetArrayDataReference(_data.Targets);
        ref var prediction = ref MemoryMarshal.GetArrayDataReference(predictions);
        ref var gradient = ref MemoryMarshal.GetArrayDataReference(_gradients);
        var weights = _data.Weights;
        if (_options.Loss is BoostingLoss.Pinball pinball)
        {
            var a = pinball.Alpha;
            foreach (var row in rows)
                Unsafe.Add(ref gradient, row) = _data.WeightOf(row) * (Unsafe.Add(ref target, row) > Unsafe.Add(ref prediction, row) ? -a : 1 - a);
        }
        else if (weights is null)
        {
            // Weight 1 (1·x = x exactly). Every row's gradient, not only the round's: one pass in memory order, eight
            // rows at a time, each lane the same subtraction; rows outside the round are never read.
            var count = predictions.Length;
            var i = 0;
            for (; i <= count - Vector512<double>.Count; i += Vector512<double>.Count)
                (Vector512.LoadUnsafe(ref prediction, (nuint)i) - Vector512.LoadUnsafe(ref target, (nuint)i)).StoreUnsafe(ref gradient, (nuint)i);
            for (; i < count; i++)
                Unsafe.Add(ref gradient, i) = Unsafe.Add(ref prediction, i) - Unsafe.Add(ref target, i);
        }
        else
            foreach (var row in rows)
                Unsafe.Add(ref gradient, row) = weights[row] * (Unsafe.Add(ref prediction, row) - Unsafe.Add(ref target, row));
        if (_hessians is not null)
            foreach (var row in rows)
                _hessians[row] = weights![row];
    }

    /// <param name="sums">G and H of the node's rows.</param>
    private int GrowNode(Rows rows, (double G, double H) sums, int depth, Histogram? histogram)
    {
        var node = _feature.Count;
        _feature.Add(-1); _bin.Add(0); _left.Add(-1); _right.Add(-1); _value.Add(0);
        var (g, h) = sums;
        if (histogram is null || depth >= _options.MaxDepth || h < 2 * _options.MinRowsPerLeaf || BestSplit(histogram, g, h) is not { } split)
        {
            _value[node] = _options.LearningRate * LeafValue(rows, g, h);
            _leaves.Add((node, rows));
            if (histogram is not null)
                _spare.Push(histogram);
            return node;
        }
        _gainByFeature[split.Feature] += split.Gain;
        var middle = Partition(_index, rows.Start, rows.End, split.Feature, split.Bin);
        var otherMiddle = Partition(_others, rows.OtherStart, rows.OtherEnd, split.Feature, split.Bin);
        var (leftRows, rightRows) = (new Rows(rows.Start, middle, rows.OtherStart, otherMiddle), new Rows(middle, rows.End, otherMiddle, rows.OtherEnd));
        Histogram? leftHistogram = null, rightHistogram = null;
        if (depth + 1 < _options.MaxDepth)
        {
            var leftIsSmaller = leftRows.Count <= rightRows.Count;
            var smaller = Build(leftIsSmaller ? leftRows : rightRows, out _);
            histogram.Subtract(smaller); // the parent's histogram becomes the larger child's
            (leftHistogram, rightHistogram) = leftIsSmaller ? (smaller, histogram) : (histogram, smaller);
        }
        else
            _spare.Push(histogram);
        _feature[node] = split.Feature;
        _bin[node] = split.Bin;
        var (leftSums, rightSums) = Sums(leftRows, rightRows);
        _left[node] = GrowNode(leftRows, leftSums, depth + 1, leftHistogram);
        _right[node] = GrowNode(rightRows, rightSums, depth + 1, rightHistogram);
        return node;
    }

    /// <summary>
    /// G and H of two sibling nodes, each summed over its rows in their order: two independent chains of additions in
    /// one loop, so each waits less for the other's latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ((double G, double H) Left, (double G, double H) Right) Sums(Rows left, Rows right)
    {
        var a = _index.AsSpan(left.Start, left.Count);
        var b = _index.AsSpan(right.Start, right.Count);
        ref var gradient = ref MemoryMarshal.GetArrayDataReference(_gradients); // rows are valid indexes: no bounds checks
        double gA = 0, gB = 0;
        var both = Math.Min(a.Length, b.Length);
        for (var i = 0; i < both; i++)
        {
            gA += Unsafe.Add(ref gradient, a[i]);
            gB += Unsafe.Add(ref gradient, b[i]);
        }
        for (var i = both; i < a.Length; i++)
            gA += Unsafe.Add(ref gradient, a[i]);
        for (var i = both; i < b.Length; i++)
            gB += Unsafe.Add(ref gradient, b[i]);
        if (_hessians is null)
            return ((gA, a.Length), (gB, b.Length)); // sums of ones: exact
        double hA = 0, hB = 0;
        foreach (var row in a)
            hA += _hessians[row];
        foreach (var row in b)
            hB += _hessians[row];
        return ((gA, hA), (gB, hB));
    }

    private double LeafValue(Rows rows, double g, double h)
    {
        if (_options.Loss is not BoostingLoss.Pinball pinball)
            return -g / (h + _options.L2);
        var residuals = new double[rows.Count];
        var weights = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = _index[rows.Start + i];
            residuals[i] = _data.Targets[row] - _predictions[row];
            weights[i] = _data.WeightOf(row);
        }
        return GradientBoosting.WeightedQuantile(residuals, weights, pinball.Alpha);
    }

    private Split? BestSplit(Histogram histogram, double g, double h)
    {
        var lambda = _options.L2;
        var minLeaf = _options.MinRowsPerLeaf * (1 - 1e-9); // H sums weights: allow for rounding
        var parent = g * g / (h + lambda);
        Split? best = null;
        for (var f = 0; f < _offsets.Length; f++)
        {
            if (!_allowed[f])
                continue;
            double gLeft = 0, hLeft = 0;
            var offset = _offsets[f];
            var bins = _bins.BinCount(f);
            for (var b = 0; b < bins - 1; b++)
            {
                ref readonly var cell = ref histogram.Cells[offset + b];
                gLeft += cell.G;
                hLeft += cell.H;
                if (hLeft < minLeaf)
                    continue;
                if (h - hLeft < minLeaf)
                    break;
                var gRight = g - gLeft;
                var hRight = h - hLeft;
                var gain = 0.5 * (gLeft * gLeft / (hLeft + lambda) + gRight * gRight / (hRight + lambda) - parent);
                if (gain > _options.MinGain && gain > (best?.Gain ?? 0) + 1e-12 * Math.Abs(parent))
                    best = new Split(f, b, gain);
            }
        }
        return best;
    }

    /// <summary>Stable partition of <c>index[start..end)</c> on "bin ≤ <paramref name="bin"/>" (each side keeps its order); returns where the right side starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Partition(int[] index, int start, int end, int feature, int bin)
    {
        // Rows are valid indexes of the column, and write ≤ i < end: no bounds checks. Before row i, i − write rows
        // went right (into the scratch buffer); native-sized indexes spare the sign extensions.
        ref var column = ref MemoryMarshal.GetReference(_bins.Column(feature));
        ref var rows = ref MemoryMarshal.GetArrayDataReference(index);
        ref var scratch = ref MemoryMarshal.GetArrayDataReference(_scratch);
        nint write = start;
        for (nint i = start; i < end; i++)
        {
            // Both writes, one kept (no branch to mispredict); write ≤ i, so no unread row is overwritten.
            var row = Unsafe.Add(ref rows, i);
            nint goesLeft = Unsafe.Add(ref column, (nint)(uint)row) <= bin ? 1 : 0;
            Unsafe.Add(ref rows, write) = row;
            Unsafe.Add(ref scratch, i - write) = row;
            write += goesLeft;
        }
        var spilled = end - (int)write;
        Array.Copy(_scratch, 0, index, (int)write, spilled);
        return (int)write;
    }

    /// <summary>The histogram of the node's rows, and their G and H.</summary>
    private Histogram Build(Rows rows, out (double G, double H) sums) =>
        _narrowOffsets is not null ? Build(_narrowOffsets, rows, out sums) : Build(_wideOffsets!, rows, out sums);

    /// <summary>
    /// The histogram of the node's rows, row by row over every feature (features left out of this tree are summed too:
    /// cheaper than testing for them), and the node's G and H summed in row order on the way. The learner's hot loop:
    /// a cell's (G, H) is added as one two-lane vector, each lane the same IEEE addition as the scalar one; each row's
    /// cells are stored as byte offsets, valid by construction, so no bounds checks or index arithmetic remain.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Histogram Build<T>(T[] cellOffsets, Rows rows, out (double G, double H) sums) where T : unmanaged, IBinaryInteger<T>
    {
        var histogram = _spare.TryPop(out var spare) ? spare : new Histogram(_totalBins);
        Array.Clear(histogram.Cells);
        ref var cells = ref Unsafe.As<Cell, byte>(ref MemoryMarshal.GetArrayDataReference(histogram.Cells));
        ref var offsets = ref MemoryMarshal.GetArrayDataReference(cellOffsets);
        var stride = _stride;
        double g = 0, h = 0;
        foreach (var row in _index.AsSpan(rows.Start, rows.Count))
        {
            var gh = Vector128.Create(_gradients[row], _hessians?[row] ?? 1.0);
            g += gh.GetElement(0);
            h += gh.GetElement(1);
            ref var offset = ref Unsafe.Add(ref offsets, row * stride);
            ref var last = ref Unsafe.Add(ref offset, stride);
            ref var lastFour = ref Unsafe.Subtract(ref last, 3);
            for (; Unsafe.IsAddressLessThan(ref offset, ref lastFour); offset = ref Unsafe.Add(ref offset, 4))
            {
                CellAt(ref cells, offset) += gh;
                CellAt(ref cells, Unsafe.Add(ref offset, 1)) += gh;
                CellAt(ref cells, Unsafe.Add(ref offset, 2)) += gh;
                CellAt(ref cells, Unsafe.Add(ref offset, 3)) += gh;
            }
            for (; Unsafe.IsAddressLessThan(ref offset, ref last); offset = ref Unsafe.Add(ref offset, 1))
                CellAt(ref cells, offset) += gh;
        }
        sums = (g, _hessians is null ? rows.Count : h); // with unit weights h added ones: the count, exactly
        return histogram;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Vector128<double> CellAt<T>(ref byte cells, T offset) where T : unmanaged, IBinaryInteger<T> =>
        ref Unsafe.As<byte, Vector128<double>>(ref Unsafe.AddByteOffset(ref cells, nuint.CreateTruncating(offset)));

    private static readonly int CellBytes = Unsafe.SizeOf<Cell>();

    /// <summary>Every row's histogram cells (feature offset + bin) as byte offsets, row-major (row i at <c>[i·features ..]</c>).</summary>
    private static T[] CellOffsets<T>(FeatureBins bins) where T : unmanaged, IBinaryInteger<T>
    {
        var (rows, features) = (bins.RowCount, bins.FeatureCount);
        var offsets = new T[rows * features];
        var columns = bins.Columns;
        const int block = 4_096;
        Parallel.For(0, (rows + block - 1) / block, b =>
        {
            for (var i = b * block; i < Math.Min(rows, (b + 1) * block); i++)
                for (var f = 0; f < features; f++)
                    offsets[i * features + f] = T.CreateChecked((bins.Offsets[f] + columns[f * rows + i]) * CellBytes);
        });
        return offsets;
    }
}
