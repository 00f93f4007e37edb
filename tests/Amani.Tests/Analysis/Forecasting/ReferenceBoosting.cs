using Amani.Analysis.Forecasting.Learning;

namespace Amani.Tests.Analysis.Forecasting;

/// <summary>
/// The learner of <see cref="GradientBoosting"/> written the plain way (as it was before it was made fast): row-major
/// data, every histogram cell a (G, H) pair summed row by row, the larger child's histogram the parent's minus the
/// smaller child's, leaves found by walking every row down the tree. The fast learner must give the same model bit for
/// bit; <see cref="GradientBoostingEquivalenceTests"/> compares them.
/// </summary>
internal static class ReferenceBoosting
{
    public sealed record Tree(int[] Feature, float[] Threshold, int[] Left, int[] Right, double[] Value);

    public sealed record Model(double BaseScore, List<Tree> Trees, double[] GainByFeature, double[] Fitted);

    public static Model Train(TrainingSet data, BoostingOptions options)
    {
        var thresholds = Enumerable.Range(0, data.FeatureCount).Select(f =>
            Thresholds(Enumerable.Range(0, data.Count).Select(i => data.Features[i * data.FeatureCount + f]).ToArray(), options.MaxBins)).ToArray();
        var bins = new int[data.Features.Length];
        for (var i = 0; i < data.Count; i++)
            for (var f = 0; f < data.FeatureCount; f++)
                bins[i * data.FeatureCount + f] = FeatureBins.BinOf(thresholds[f], data.Features[i * data.FeatureCount + f]);
        var grower = new Grower(data, thresholds, bins, options);
        var weights = Enumerable.Range(0, data.Count).Select(data.WeightOf).ToArray();
        double baseScore;
        if (options.Loss is BoostingLoss.Pinball pinball)
            baseScore = Quantile(data.Targets, weights, pinball.Alpha);
        else
        {
            double sum = 0, total = 0;
            for (var i = 0; i < data.Count; i++)
            {
                sum += weights[i] * data.Targets[i];
                total += weights[i];
            }
            baseScore = sum / total;
        }
        var predictions = Enumerable.Repeat(baseScore, data.Count).ToArray();
        var random = new SplitMix64((ulong)options.Seed);
        var trees = new List<Tree>();
        for (var round = 0; round < options.Trees; round++)
        {
            var rows = new List<int>();
            if (options.RowSubsample >= 1)
                rows.AddRange(Enumerable.Range(0, data.Count));
            else
                for (var i = 0; i < data.Count; i++)
                    if (random.NextDouble() < options.RowSubsample)
                        rows.Add(i);
            var allowed = new bool[data.FeatureCount];
            var take = Math.Max(1, (int)Math.Ceiling(data.FeatureCount * options.FeatureSubsample));
            if (take >= data.FeatureCount)
                Array.Fill(allowed, true);
            else
            {
                var order = Enumerable.Range(0, data.FeatureCount).ToArray();
                for (var i = 0; i < take; i++)
                {
                    var j = random.Next(i, data.FeatureCount);
                    (order[i], order[j]) = (order[j], order[i]);
                    allowed[order[i]] = true;
                }
            }
            var tree = grower.Grow(rows.ToArray(), allowed, predictions);
            trees.Add(tree);
            for (var row = 0; row < data.Count; row++)
            {
                var node = 0;
                while (tree.Feature[node] >= 0)
                    node = bins[row * data.FeatureCount + tree.Feature[node]] <= grower.BinOfNode[node] ? tree.Left[node] : tree.Right[node];
                predictions[row] += tree.Value[node];
            }
        }
        return new Model(baseScore, trees, grower.Gains, predictions);
    }

    public static double Quantile(double[] values, double[] weights, double alpha)
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

    private static float[] Thresholds(float[] column, int maxBins)
    {
        var sorted = column.Order().ToArray();
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
        for (var k = 1; k < maxBins; k++)
        {
            var value = sorted[(int)((long)k * sorted.Length / maxBins) - 1];
            var above = sorted.FirstOrDefault(v => v > value, float.NaN);
            if (!float.IsNaN(above))
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
        return middle < above ? middle : below;
    }

    private sealed class Grower(TrainingSet data, float[][] thresholds, int[] bins, BoostingOptions options)
    {
        private readonly double[] _g = new double[data.Count];
        private readonly double[] _h = new double[data.Count];
        private readonly List<int> _feature = [], _bin = [], _left = [], _right = [];
        private readonly List<double> _value = [];
        private double[] _predictions = [];
        private bool[] _allowed = [];

        public double[] Gains { get; } = new double[data.FeatureCount];
        public List<int> BinOfNode => _bin;

        public Tree Grow(int[] rows, bool[] allowed, double[] predictions)
        {
            (_predictions, _allowed) = (predictions, allowed);
            _feature.Clear(); _bin.Clear(); _left.Clear(); _right.Clear(); _value.Clear();
            var alpha = (options.Loss as BoostingLoss.Pinball)?.Alpha;
            foreach (var row in rows)
            {
                var w = data.WeightOf(row);
                _g[row] = alpha is { } a ? w * (data.Targets[row] > predictions[row] ? -a : 1 - a) : w * (predictions[row] - data.Targets[row]);
                _h[row] = w;
            }
            Node(rows, 0, rows.Length, 0, Histogram(rows, 0, rows.Length));
            var threshold = _feature.Select((f, node) => f >= 0 ? thresholds[f][_bin[node]] : 0).ToArray();
            return new Tree(_feature.ToArray(), threshold, _left.ToArray(), _right.ToArray(), _value.ToArray());
        }

        private int Node(int[] index, int start, int end, int depth, (double G, double H)[][]? histogram)
        {
            var node = _feature.Count;
            _feature.Add(-1); _bin.Add(0); _left.Add(-1); _right.Add(-1); _value.Add(0);
            double g = 0, h = 0;
            for (var i = start; i < end; i++)
            {
                g += _g[index[i]];
                h += _h[index[i]];
            }
            if (histogram is null || depth >= options.MaxDepth || h < 2 * options.MinRowsPerLeaf || Best(histogram, g, h) is not { } split)
            {
                _value[node] = options.LearningRate * Leaf(index, start, end, g, h);
                return node;
            }
            Gains[split.Feature] += split.Gain;
            var left = index[start..end].Where(r => bins[r * data.FeatureCount + split.Feature] <= split.Bin).ToArray();
            var right = index[start..end].Where(r => bins[r * data.FeatureCount + split.Feature] > split.Bin).ToArray();
            left.CopyTo(index, start);
            right.CopyTo(index, start + left.Length);
            var middle = start + left.Length;
            (double G, double H)[][]? leftHistogram = null, rightHistogram = null;
            if (depth + 1 < options.MaxDepth)
            {
                var leftIsSmaller = middle - start <= end - middle;
                var smaller = leftIsSmaller ? Histogram(index, start, middle) : Histogram(index, middle, end);
                for (var f = 0; f < histogram.Length; f++)
                    for (var b = 0; b < histogram[f].Length; b++)
                        histogram[f][b] = (histogram[f][b].G - smaller[f][b].G, histogram[f][b].H - smaller[f][b].H);
                (leftHistogram, rightHistogram) = leftIsSmaller ? (smaller, histogram) : (histogram, smaller);
            }
            _feature[node] = split.Feature;
            _bin[node] = split.Bin;
            _left[node] = Node(index, start, middle, depth + 1, leftHistogram);
            _right[node] = Node(index, middle, end, depth + 1, rightHistogram);
            return node;
        }

        private double Leaf(int[] index, int start, int end, double g, double h)
        {
            if (options.Loss is not BoostingLoss.Pinball pinball)
                return -g / (h + options.L2);
            var rows = index[start..end];
            return Quantile(rows.Select(r => data.Targets[r] - _predictions[r]).ToArray(), rows.Select(data.WeightOf).ToArray(), pinball.Alpha);
        }

        private (int Feature, int Bin, double Gain)? Best((double G, double H)[][] histogram, double g, double h)
        {
            var lambda = options.L2;
            var minLeaf = options.MinRowsPerLeaf * (1 - 1e-9);
            var parent = g * g / (h + lambda);
            (int Feature, int Bin, double Gain)? best = null;
            for (var f = 0; f < histogram.Length; f++)
            {
                if (!_allowed[f])
                    continue;
                double gLeft = 0, hLeft = 0;
                for (var b = 0; b < histogram[f].Length - 1; b++)
                {
                    gLeft += histogram[f][b].G;
                    hLeft += histogram[f][b].H;
                    if (hLeft < minLeaf)
                        continue;
                    if (h - hLeft < minLeaf)
                        break;
                    var gain = 0.5 * (gLeft * gLeft / (hLeft + lambda) + (g - gLeft) * (g - gLeft) / (h - hLeft + lambda) - parent);
                    if (gain > options.MinGain && gain > (best?.Gain ?? 0) + 1e-12 * Math.Abs(parent))
                        best = (f, b, gain);
                }
            }
            return best;
        }

        private (double G, double H)[][] Histogram(int[] index, int start, int end)
        {
            var histogram = thresholds.Select(t => new (double G, double H)[t.Length + 1]).ToArray();
            for (var i = start; i < end; i++)
            {
                var row = index[i];
                for (var f = 0; f < histogram.Length; f++)
                {
                    ref var cell = ref histogram[f][bins[row * data.FeatureCount + f]];
                    cell.G += _g[row];
                    cell.H += _h[row];
                }
            }
            return histogram;
        }
    }
}
