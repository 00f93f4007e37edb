namespace Amani.Analysis.Forecasting.Learning;

/// <summary>The loss a <see cref="GradientBoosting"/> learner minimises.</summary>
public abstract record BoostingLoss
{
    /// <summary>Squared error: trees fit the residuals; leaf value −G/(H + λ). Predicts the conditional mean.</summary>
    public static readonly BoostingLoss SquaredError = new Squared();

    /// <summary>
    /// Pinball loss at level <paramref name="alpha"/>: trees are grown on its gradient, then each leaf is set to the
    /// weighted <paramref name="alpha"/>-quantile of the residuals of the rows it holds (as LightGBM does). Predicts
    /// the conditional quantile; 0.5 gives absolute error and the median.
    /// </summary>
    public static BoostingLoss Quantile(double alpha) =>
        alpha is > 0 and < 1 ? new Pinball(alpha) : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The quantile level is strictly between 0 and 1.");

    public sealed record Squared : BoostingLoss
    {
        public override string ToString() => "squared";
    }

    public sealed record Pinball(double Alpha) : BoostingLoss
    {
        public override string ToString() => FormattableString.Invariant($"quantile{Alpha}");
    }
}

/// <summary>
/// Settings of the gradient-boosted regression tree learner. Defaults are conservative (shallow trees, small steps);
/// the same options, data and <see cref="Seed"/> always give the same model.
/// </summary>
public sealed record BoostingOptions
{
    public BoostingLoss Loss { get; init; } = BoostingLoss.SquaredError;
    public int Trees { get; init; } = 200;
    /// <summary>Shrinkage η: each tree's leaf values are multiplied by it.</summary>
    public double LearningRate { get; init; } = 0.05;
    /// <summary>Depth of every tree (1 = stumps).</summary>
    public int MaxDepth { get; init; } = 3;
    /// <summary>Fewest training rows (of the tree's sample; weighted, when the rows have weights) on each side of a split.</summary>
    public int MinRowsPerLeaf { get; init; } = 20;
    /// <summary>L2 penalty λ on leaf values (in gain and in −G/(H + λ)).</summary>
    public double L2 { get; init; } = 1;
    /// <summary>Splits must gain at least this much (½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)]).</summary>
    public double MinGain { get; init; } = 0;
    /// <summary>Share of rows each tree sees (without replacement; 1 = all).</summary>
    public double RowSubsample { get; init; } = 1;
    /// <summary>Share of features each tree may split on (1 = all).</summary>
    public double FeatureSubsample { get; init; } = 1;
    /// <summary>Most bins per feature (feature values are bucketed once, at quantiles of the training data); at most 256.</summary>
    public int MaxBins { get; init; } = 64;
    public int Seed { get; init; } = 1;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Trees, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDepth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinRowsPerLeaf, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBins, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBins, 256);
        if (!(LearningRate > 0) || !(L2 >= 0) || !(MinGain >= 0) || !(RowSubsample is > 0 and <= 1) || !(FeatureSubsample is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(BoostingOptions), "LearningRate > 0, L2 ≥ 0, MinGain ≥ 0, and subsample shares in (0, 1].");
    }
}
