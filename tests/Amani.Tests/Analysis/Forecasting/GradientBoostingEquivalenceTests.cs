using Amani.Analysis.Forecasting.Learning;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

/// <summary>
/// The fast learner (feature-major byte bins, counted hessians, leaves read from the partition, parallel histograms)
/// must give exactly the model of the plain one (<see cref="ReferenceBoosting"/>): same splits, thresholds, leaf values,
/// gains and fitted values, bit for bit.
/// </summary>
public sealed class GradientBoostingEquivalenceTests
{
    public static TheoryData<string> Cases => new(CaseData.Keys);

    private static readonly Dictionary<string, (TrainingSet Data, BoostingOptions Options)> CaseData = new()
    {
        ["continuous, row and feature sampling"] = (Continuous(2_000, seed: 3), new BoostingOptions { Trees = 30, MaxDepth = 3, RowSubsample = 0.7, FeatureSubsample = 0.6, MinRowsPerLeaf = 10, Seed = 5 }),
        ["zero-inflated counts, quantile bins"] = (ZeroInflated(3_000, seed: 11, weighted: false), new BoostingOptions { Trees = 25, MaxDepth = 4, RowSubsample = 0.8, MinRowsPerLeaf = 5, MaxBins = 16, Seed = 9 }),
        ["zero-inflated counts, weighted"] = (ZeroInflated(2_500, seed: 12, weighted: true), new BoostingOptions { Trees = 20, MaxDepth = 3, RowSubsample = 0.8, MinRowsPerLeaf = 8, LearningRate = 0.2, Seed = 1 }),
        ["zero-inflated counts, pinball 0.8"] = (ZeroInflated(1_500, seed: 13, weighted: false), new BoostingOptions { Loss = BoostingLoss.Quantile(0.8), Trees = 15, MaxDepth = 3, RowSubsample = 0.9, MinRowsPerLeaf = 4, Seed = 2 }),
        ["the model's settings, 256 bins"] = (ZeroInflated(4_000, seed: 14, weighted: false), new BoostingOptions { Trees = 20, LearningRate = 0.05, MaxDepth = 3, MinRowsPerLeaf = 50, L2 = 1, RowSubsample = 0.8, MaxBins = 256, Seed = 20_202 }),
        ["deep trees, every row"] = (Continuous(600, seed: 4), new BoostingOptions { Trees = 10, MaxDepth = 6, MinRowsPerLeaf = 1, L2 = 0, Seed = 3 }),
        ["more than 4,096 histogram cells"] = (Continuous(1_500, seed: 6, width: 20), new BoostingOptions { Trees = 6, MaxDepth = 3, MaxBins = 256, RowSubsample = 0.8, MinRowsPerLeaf = 5, Seed = 8 }),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_fast_learner_gives_the_plain_learners_model_bit_for_bit(string name)
    {
        var (data, options) = CaseData[name];

        var fast = GradientBoosting.Train(data, options, out var fitted);
        var plain = ReferenceBoosting.Train(data, options);

        Assert.Equal(plain.BaseScore, fast.BaseScore);
        Assert.Equal(plain.Trees.Count, fast.Trees.Count);
        for (var t = 0; t < plain.Trees.Count; t++)
        {
            var (p, f) = (plain.Trees[t], fast.Trees[t]);
            Assert.Equal(p.Feature, f.Feature);
            Assert.Equal(p.Threshold, f.Threshold);
            Assert.Equal(p.Left, f.Left);
            Assert.Equal(p.Right, f.Right);
            Assert.Equal(p.Value, f.Value); // exact: xunit compares doubles with ==
        }
        Assert.Equal(plain.GainByFeature, fast.GainByFeature);
        Assert.Equal(plain.Fitted, fitted);
        Assert.Contains(fast.Trees, t => t.NodeCount > 1); // the case grows real trees
    }

    [Fact]
    public void The_wide_case_needs_more_histogram_cells_than_16_bit_offsets_reach()
    {
        var (data, options) = CaseData["more than 4,096 histogram cells"];

        Assert.True(FeatureBins.Build(data, options.MaxBins).TotalBins > 4_096);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(1_003)]
    public void Filling_draws_gives_the_values_and_the_state_of_one_call_per_value(int count)
    {
        var (one, bulk) = (new SplitMix64(20_202), new SplitMix64(20_202));
        var expected = Enumerable.Range(0, count).Select(_ => one.NextUInt64()).ToArray();
        var filled = new ulong[count];

        bulk.Fill(filled);

        Assert.Equal(expected, filled);
        Assert.Equal(one.NextUInt64(), bulk.NextUInt64());
    }

    [Fact]
    public void A_value_order_spares_the_sort_gives_the_same_model_and_a_wrong_one_is_refused()
    {
        var (data, options) = CaseData["zero-inflated counts, quantile bins"];
        var order = Enumerable.Range(0, data.FeatureCount)
            .Select(f => Enumerable.Range(0, data.Count).OrderByDescending(i => i % 7).OrderBy(i => data.Features[i * data.FeatureCount + f]).ToArray()).ToArray();
        var hinted = new TrainingSet(data.Features, data.FeatureCount, data.Targets) { ValueOrder = order };

        var plain = GradientBoosting.Train(data, options, out var fitted);
        var fast = GradientBoosting.Train(hinted, options, out var hintedFitted);

        Assert.Equal(fitted, hintedFitted);
        Assert.Equal(plain.Trees.SelectMany(t => t.Threshold), fast.Trees.SelectMany(t => t.Threshold));
        order[3] = order[3].Reverse().ToArray();
        Assert.Throws<ArgumentException>(() => GradientBoosting.Train(new TrainingSet(data.Features, data.FeatureCount, data.Targets) { ValueOrder = order }, options));
        Assert.Throws<ArgumentException>(() => new TrainingSet(data.Features, data.FeatureCount, data.Targets) { ValueOrder = order.Take(2).ToArray() });
    }

    /// <summary>Uniform features, a nonlinear target with noise.</summary>
    private static TrainingSet Continuous(int count, int seed, int width = 4)
    {
        var random = new SplitMix64((ulong)seed);
        var features = new float[count * width];
        var targets = new double[count];
        for (var i = 0; i < count; i++)
        {
            for (var f = 0; f < width; f++)
                features[i * width + f] = (float)random.NextDouble();
            targets[i] = (features[i * width] > 0.5 ? 2 : 0) + Math.Sin(3 * features[i * width + 1]) + 0.3 * (random.NextDouble() - 0.5);
        }
        return new TrainingSet(features, width, targets);
    }

    /// <summary>Like conflict data: mostly zeros, long tails, many ties, a constant feature and a few continuous ones.</summary>
    private static TrainingSet ZeroInflated(int count, int seed, bool weighted)
    {
        const int width = 7;
        var random = new SplitMix64((ulong)seed);
        var features = new float[count * width];
        var targets = new double[count];
        var weights = weighted ? new double[count] : null;
        for (var i = 0; i < count; i++)
        {
            var active = random.NextDouble() < 0.25;
            var deaths = active ? Math.Floor(-50 * Math.Log(1 - random.NextDouble())) : 0;
            var row = features.AsSpan(i * width, width);
            row[0] = (float)Math.Log(1 + deaths);
            row[1] = active ? (float)Math.Floor(random.NextDouble() * 300) : 0;
            row[2] = 7; // constant: no split
            row[3] = (float)random.NextDouble();
            row[4] = active ? 0 : (float)Math.Min(120, Math.Floor(-30 * Math.Log(1 - random.NextDouble())));
            row[5] = (float)(random.NextDouble() < 0.5 ? 0 : random.NextDouble() - 0.5);
            row[6] = (float)Math.Round(random.NextDouble() * 3, 1);
            targets[i] = (active ? 0.6 * row[0] - 0.01 * row[4] : -0.1) + (random.NextDouble() - 0.5) + (row[5] > 0.2 ? 0.5 : 0);
            if (weights is not null)
                weights[i] = 0.25 + 2 * random.NextDouble();
        }
        return new TrainingSet(features, width, targets, weights);
    }
}
