using Amani.Analysis.Forecasting.Learning;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

public sealed class GradientBoostingTests
{
    private static TrainingSet Set(double[][] rows, double[] targets, double[]? weights = null) =>
        new(rows.SelectMany(r => r.Select(v => (float)v)).ToArray(), rows[0].Length, targets, weights);

    /// <summary>x = 1, 2, 3, 4 with y = 1, 1, 3, 3: base 2, gradients (1, 1, −1, −1); the best stump splits at 2.5.</summary>
    private static readonly TrainingSet Steps = Set([[1], [2], [3], [4]], [1, 1, 3, 3]);

    [Fact]
    public void The_first_stump_of_a_hand_computable_set_has_the_known_split_leaves_and_gain()
    {
        var model = GradientBoosting.Train(Steps, new BoostingOptions { Trees = 1, MaxDepth = 1, LearningRate = 1, L2 = 0, MinRowsPerLeaf = 1 });

        Assert.Equal(2.0, model.BaseScore, 12);
        var tree = Assert.Single(model.Trees);
        Assert.Equal(3, tree.NodeCount);
        Assert.Equal(0, tree.Feature[0]);
        Assert.Equal(2.5f, tree.Threshold[0]); // midway between the distinct values 2 and 3
        Assert.Equal(-1.0, tree.Value[tree.Left[0]], 12);  // −G/H = −(1 + 1)/2
        Assert.Equal(1.0, tree.Value[tree.Right[0]], 12);
        // gain = ½[G_L²/H_L + G_R²/H_R − G²/H] = ½[4/2 + 4/2 − 0] = 2
        Assert.Equal(2.0, model.GainByFeature[0], 12);
        Assert.Equal([1.0, 1.0, 3.0, 3.0], new[] { 1f, 2f, 3f, 4f }.Select(x => model.Predict([x])));
    }

    [Fact]
    public void The_L2_penalty_and_learning_rate_shrink_leaf_values_as_the_formula_says()
    {
        // λ = 2, η = 0.5: left leaf −0.5 · (2 / (2 + 2)) = −0.25; right +0.25.
        var model = GradientBoosting.Train(Steps, new BoostingOptions { Trees = 1, MaxDepth = 1, LearningRate = 0.5, L2 = 2, MinRowsPerLeaf = 1 });

        var tree = model.Trees[0];
        Assert.Equal(-0.25, tree.Value[tree.Left[0]], 12);
        Assert.Equal(0.25, tree.Value[tree.Right[0]], 12);
        Assert.Equal(1.75, model.Predict([1f]), 12);
        // The second round starts from those predictions: residuals ±0.75, so it adds ∓0.5·0.75·2/4 = ∓0.1875.
        var two = GradientBoosting.Train(Steps, new BoostingOptions { Trees = 2, MaxDepth = 1, LearningRate = 0.5, L2 = 2, MinRowsPerLeaf = 1 });
        Assert.Equal(2 - 0.25 - 0.1875, two.Predict([1f]), 12);
    }

    [Fact]
    public void The_split_picks_the_informative_feature_and_respects_the_minimum_leaf_size()
    {
        // Feature 0 is noise, feature 1 separates y exactly.
        var rows = new double[][] { [5, 0], [1, 0], [4, 0], [2, 1], [3, 1], [6, 1] };
        var data = Set(rows, [0, 0, 0, 10, 10, 10]);
        var model = GradientBoosting.Train(data, new BoostingOptions { Trees = 1, MaxDepth = 1, LearningRate = 1, L2 = 0, MinRowsPerLeaf = 1 });
        Assert.Equal(1, model.Trees[0].Feature[0]);
        Assert.Equal(0.5f, model.Trees[0].Threshold[0]);

        // With 4 rows required per side no split of 6 rows is allowed: the tree is one leaf, worth 0 (the base is the mean).
        var stump = GradientBoosting.Train(data, new BoostingOptions { Trees = 1, MaxDepth = 1, LearningRate = 1, L2 = 0, MinRowsPerLeaf = 4 });
        Assert.Equal(1, stump.Trees[0].NodeCount);
        Assert.Equal(5.0, stump.Predict([0f, 0f]), 12);
    }

    [Fact]
    public void Weights_move_the_base_score_and_the_leaves()
    {
        // Weighted mean of (1, 1, 3, 3) with weights (3, 1, 1, 1) = 10/6; the leaves still reach 1 and 3.
        var data = Set([[1], [2], [3], [4]], [1, 1, 3, 3], [3, 1, 1, 1]);
        var model = GradientBoosting.Train(data, new BoostingOptions { Trees = 1, MaxDepth = 1, LearningRate = 1, L2 = 0, MinRowsPerLeaf = 1 });

        Assert.Equal(10.0 / 6, model.BaseScore, 12);
        Assert.Equal([1.0, 1.0, 3.0, 3.0], new[] { 1f, 2f, 3f, 4f }.Select(x => Math.Round(model.Predict([x]), 12)));
    }

    [Fact]
    public void Pinball_loss_at_one_half_fits_the_median_not_the_mean()
    {
        // One group of y = 0, 0, 0, 100 (mean 25, median 0) and another of 10, 10, 10, 10.
        var data = Set([[0], [0], [0], [0], [1], [1], [1], [1]], [0, 0, 0, 100, 10, 10, 10, 10]);
        var median = GradientBoosting.Train(data, new BoostingOptions { Loss = BoostingLoss.Quantile(0.5), Trees = 1, MaxDepth = 1, LearningRate = 1, L2 = 0, MinRowsPerLeaf = 1 });
        var mean = GradientBoosting.Train(data, new BoostingOptions { Trees = 1, MaxDepth = 1, LearningRate = 1, L2 = 0, MinRowsPerLeaf = 1 });

        Assert.Equal(10.0, median.BaseScore, 12); // weighted 0.5-quantile of the 8 targets: the 4th smallest
        Assert.Equal(0.0, median.Predict([0f]), 12);
        Assert.Equal(10.0, median.Predict([1f]), 12);
        Assert.Equal(25.0, mean.Predict([0f]), 12);
        Assert.Equal(10.0, mean.Predict([1f]), 12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_model_and_another_seed_another()
    {
        var data = Noisy(2_000, seed: 7);
        var options = new BoostingOptions { Trees = 40, MaxDepth = 3, RowSubsample = 0.7, FeatureSubsample = 0.6, MinRowsPerLeaf = 10, Seed = 42 };

        var first = GradientBoosting.Train(data, options);
        var second = GradientBoosting.Train(data, options);
        var other = GradientBoosting.Train(data, options with { Seed = 43 });

        var probe = Noisy(200, seed: 8);
        var a = Enumerable.Range(0, probe.Count).Select(i => first.Predict(probe.Row(i))).ToArray();
        var b = Enumerable.Range(0, probe.Count).Select(i => second.Predict(probe.Row(i))).ToArray();
        var c = Enumerable.Range(0, probe.Count).Select(i => other.Predict(probe.Row(i))).ToArray();
        Assert.Equal(a, b); // bit for bit
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Boosting_learns_a_nonlinear_function_from_noisy_data()
    {
        var train = Noisy(4_000, seed: 1);
        var test = Noisy(1_000, seed: 2);
        var model = GradientBoosting.Train(train, new BoostingOptions { Trees = 200, MaxDepth = 3, LearningRate = 0.1, RowSubsample = 0.8 });

        var mse = Enumerable.Range(0, test.Count).Average(i => Math.Pow(model.Predict(test.Row(i)) - Truth(test.Row(i)), 2));
        var variance = Enumerable.Range(0, test.Count).Select(i => Truth(test.Row(i))).ToArray() is var truth
            ? truth.Average(t => Math.Pow(t - truth.Average(), 2)) : 0;
        Assert.True(mse < 0.1 * variance, $"MSE against the true function {mse:F4}, its variance {variance:F4}");
    }

    private static double Truth(ReadOnlySpan<float> x) => (x[0] > 0.5 ? 2 : 0) + Math.Sin(3 * x[1]) + 0 * x[2];

    private static TrainingSet Noisy(int count, int seed)
    {
        var random = new SplitMix64((ulong)seed);
        var features = new float[count * 3];
        var targets = new double[count];
        for (var i = 0; i < count; i++)
        {
            for (var f = 0; f < 3; f++)
                features[i * 3 + f] = (float)random.NextDouble();
            targets[i] = Truth(features.AsSpan(i * 3, 3)) + 0.3 * (random.NextDouble() - 0.5);
        }
        return new TrainingSet(features, 3, targets);
    }

    [Fact]
    public void Bad_training_data_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new TrainingSet([1f, float.NaN], 1, [1, 2]));
        Assert.Throws<ArgumentException>(() => new TrainingSet([1f, 2f], 1, [1]));
        Assert.Throws<ArgumentException>(() => new TrainingSet([1f, 2f], 1, [1, 2], [1, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientBoosting.Train(Steps, new BoostingOptions { MaxBins = 300 }));
    }
}
