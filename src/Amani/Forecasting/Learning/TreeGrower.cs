using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Amani.Forecasting.Learning;

/// <summary>Grows one regression tree of a boosting round on binned features (see <see cref="GradientBoosting"/>).</summary>
internal sealed class TreeGrower
{
    private readonly TrainingSet _data;
    private readonly FeatureBins _bins;
    private readonly BoostingOptions _options;
    private readonly int[] _offsets;
    private readonly int _totalBins;
    private readonly ushort[] _slots;
    private readonly int _stride;
    private readonly double[] _gradients;
    private readonly double[] _hessians;
    private readonly double[] _gainByFeature;

    public TreeGrower(TrainingSet data, FeatureBins bins, BoostingOptions options)
    {
        (_data, _bins, _options) = (data, bins, options);
        (_offsets, _totalBins, _slots, _stride) = (bins.Offsets, bins.TotalBins, bins.Slots, bins.FeatureCount);
        _gradients = new double[data.Count];
        _hessians = new double[data.Count];
        _gainByFeature = new double[data.FeatureCount];
        _leafOf = new int[data.Count];
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
            for (var i = 0; i < Cells.Length; i++)
            {
                Cells[i].G -= other.Cells[i].G;
                Cells[i].H -= other.Cells[i].H;
            }
        }
    }

    private readonly record struct Split(int Feature, int Bin, double Gain);

    private readonly List<int> _feature = [];
    private readonly List<int> _bin = [];
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<double> _value = [];
    private double[] _predictions = [];
    private bool[] _allowed = [];
    private readonly int[] _leafOf;   // the leaf of each row of this round's sample, −1 for rows outside it
    private readonly int[] _scratch;  // partition buffer

    /// <summary>Grows the round's tree on <paramref name="rows"/> from the current <paramref name="predictions"/>.</summary>
    public RegressionTree Grow(ArraySegment<int> rows, bool[] allowedFeatures, double[] predictions)
    {
        Array.Fill(_leafOf, -1);
        (_predictions, _allowed) = (predictions, allowedFeatures);
        _feature.Clear(); _bin.Clear(); _left.Clear(); _right.Clear(); _value.Clear();
        var alpha = (_options.Loss as BoostingLoss.Pinball)?.Alpha;
        foreach (var row in rows)
        {
            var weight = _data.WeightOf(row);
            _gradients[row] = alpha is { } a
                ? weight * (_data.Targets[row] > predictions[row] ? -a : 1 - a)
                : weight * (predictions[row] - _data.Targets[row]);
            _hessians[row] = weight;
        }
        var index = rows.ToArray();
        GrowNode(index, 0, index.Length, 0, _options.MaxDepth > 0 ? Build(index, 0, index.Length) : null);

        var thresholds = new float[_feature.Count];
        for (var node = 0; node < _feature.Count; node++)
            thresholds[node] = _feature[node] >= 0 ? _bins.Thresholds[_feature[node]][_bin[node] - _offsets[_feature[node]]] : 0;
        return new RegressionTree(_feature.ToArray(), thresholds, _left.ToArray(), _right.ToArray(), _value.ToArray());
    }

    /// <summary>Adds the last grown tree's leaf values to every row's prediction (rows outside the sample go down the tree by their bins).</summary>
    public void AddLeafValues(double[] predictions)
    {
        for (var row = 0; row < predictions.Length; row++)
        {
            var node = _leafOf[row];
            if (node < 0)
            {
                node = 0;
                while (_feature[node] >= 0)
                    node = _slots[row * _stride + _feature[node]] <= _bin[node] ? _left[node] : _right[node];
            }
            predictions[row] += _value[node];
        }
    }

    private int GrowNode(int[] index, int start, int end, int depth, Histogram? histogram)
    {
        var node = _feature.Count;
        _feature.Add(-1); _bin.Add(0); _left.Add(-1); _right.Add(-1); _value.Add(0);
        double g = 0, h = 0;
        for (var i = start; i < end; i++)
        {
            g += _gradients[index[i]];
            h += _hessians[index[i]];
        }
        if (histogram is null || depth >= _options.MaxDepth || h < 2 * _options.MinRowsPerLeaf || BestSplit(histogram, g, h) is not { } split)
        {
            _value[node] = _options.LearningRate * LeafValue(index, start, end, g, h);
            for (var i = start; i < end; i++)
                _leafOf[index[i]] = node;
            return node;
        }
        _gainByFeature[split.Feature] += split.Gain;
        var middle = Partition(index, start, end, split.Feature, _offsets[split.Feature] + split.Bin);
        Histogram? leftHistogram = null, rightHistogram = null;
        if (depth + 1 < _options.MaxDepth)
        {
            var leftIsSmaller = middle - start <= end - middle;
            var smaller = leftIsSmaller ? Build(index, start, middle) : Build(index, middle, end);
            histogram.Subtract(smaller); // the parent's histogram becomes the larger child's
            (leftHistogram, rightHistogram) = leftIsSmaller ? (smaller, histogram) : (histogram, smaller);
        }
        _feature[node] = split.Feature;
        _bin[node] = _offsets[split.Feature] + split.Bin;
        _left[node] = GrowNode(index, start, middle, depth + 1, leftHistogram);
        _right[node] = GrowNode(index, middle, end, depth + 1, rightHistogram);
        return node;
    }

    private double LeafValue(int[] index, int start, int end, double g, double h)
    {
        if (_options.Loss is not BoostingLoss.Pinball pinball)
            return -g / (h + _options.L2);
        var residuals = new double[end - start];
        var weights = new double[end - start];
        for (var i = start; i < end; i++)
        {
            residuals[i - start] = _data.Targets[index[i]] - _predictions[index[i]];
            weights[i - start] = _data.WeightOf(index[i]);
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

    private int Partition(int[] index, int start, int end, int feature, int slot)
    {
        // Stable partition (keeps the rows' order on each side, so results never depend on swap patterns).
        var (write, spilled) = (start, 0);
        for (var i = start; i < end; i++)
        {
            if (_slots[index[i] * _stride + feature] <= slot)
                index[write++] = index[i];
            else
                _scratch[spilled++] = index[i];
        }
        Array.Copy(_scratch, 0, index, write, spilled);
        return write;
    }

    private Histogram Build(int[] index, int start, int end)
    {
        // Row by row, every feature (features left out of this tree are summed too: cheaper than testing for them).
        // The hot loop of the learner: slots are valid indexes by construction, so bounds checks are skipped.
        var histogram = new Histogram(_totalBins);
        ref var cells = ref MemoryMarshal.GetArrayDataReference(histogram.Cells);
        ref var slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        var stride = _stride;
        for (var i = start; i < end; i++)
        {
            var row = index[i];
            var g = _gradients[row];
            var h = _hessians[row];
            ref var first = ref Unsafe.Add(ref slots, row * stride);
            for (var f = 0; f < stride; f++)
            {
                ref var cell = ref Unsafe.Add(ref cells, Unsafe.Add(ref first, f));
                cell.G += g;
                cell.H += h;
            }
        }
        return histogram;
    }
}
