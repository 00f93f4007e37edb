using Amani.Analysis.Forecasting.Learning;

namespace Amani.Analysis.Forecasting.Models;

/// <summary>Settings of <see cref="GradientBoostedModel"/> (defaults chosen on validation windows before 2017; see the README).</summary>
public sealed record LearnedModelOptions
{
    public BoostingOptions Boosting { get; init; } = new()
    {
        Trees = 200, LearningRate = 0.05, MaxDepth = 3, MinRowsPerLeaf = 50, L2 = 1, RowSubsample = 0.8, Seed = 20_200,
    };

    /// <summary>Forecast log changes smaller than this in magnitude are set to exactly 0 ("no change").</summary>
    public double DeadZone { get; init; } = 0.25;

    /// <summary>Origins with less history than this are not used as training rows.</summary>
    public int WarmUpMonths { get; init; } = 12;

    /// <summary>Train on units whose id is in this set only (null: every unit of the history).</summary>
    public IReadOnlySet<string>? TrainingUnits { get; init; }

    /// <summary>Most residuals kept per distribution bucket.</summary>
    public int ResidualsPerBucket { get; init; } = 2_000;
}
