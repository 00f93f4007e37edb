using System.Globalization;
using Amani.Analysis.Forecasting.Evaluation;
using Amani.Analysis.Forecasting.Models;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

/// <summary>The sanity check of the ViEWS 2020 protocol: no-change on task 2 scores MSE 0.79998 and TADDA₁ 0.37413.</summary>
public sealed class NoChangeBenchmarkTests
{
    [Fact]
    public void No_change_on_task_2_scores_exactly_the_published_values()
    {
        var evaluation = ProtocolEvaluator.Evaluate(ForecastData.Panel, EvaluationWindow.Views2020Countries, EvaluationWindow.Views2020Task2, new NoChangeModel());

        Assert.Equal(36 * 6 * 54, evaluation.Forecasts.Count);
        Assert.Equal("0.79998", evaluation.MeanSquaredError.ToString("F5", CultureInfo.InvariantCulture));
        Assert.Equal("0.37413", evaluation.Tadda.ToString("F5", CultureInfo.InvariantCulture));
        Assert.All(evaluation.Forecasts, f => Assert.Equal(0.0, f.Predicted));
    }

    [Fact]
    public void The_reference_models_score_as_their_definitions_imply()
    {
        var panel = ForecastData.Panel;
        var countries = EvaluationWindow.Views2020Countries;
        var window = EvaluationWindow.Views2020Task2;

        var zero = ProtocolEvaluator.Evaluate(panel, countries, window, new ZeroModel());
        var poisson = ProtocolEvaluator.Evaluate(panel, countries, window, new LastValuePoissonModel());
        var history = ProtocolEvaluator.Evaluate(panel, countries, window, new ConflictHistoryModel());

        // Zero forecasts −ln(1 + sb[origin]): its error is ln(1 + sb[t]) exactly.
        Assert.All(zero.Forecasts, f => Assert.Equal(f.Actual - f.Predicted, Math.Log(1 + panel.Find(f.UnitId)!.Through(f.TargetMonth)[^1].DeathsSb), 9));
        // The Poisson median of a whole count is the count itself: last-value Poisson's point forecast is no change.
        Assert.Equal("0.79998", poisson.MeanSquaredError.ToString("F5", CultureInfo.InvariantCulture));
        // The conflict-history baseline beats no change on MSE (the benchmark paper's observation for such models).
        Assert.InRange(history.MeanSquaredError, 0.5, 0.7);
    }
}
