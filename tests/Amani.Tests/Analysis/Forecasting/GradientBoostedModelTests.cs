using Amani.Analysis.Forecasting.Evaluation;
using Amani.Analysis.Forecasting.Models;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

/// <summary>The learned model on the real data (the 54 African countries, through December 2016).</summary>
public sealed class GradientBoostedModelTests
{
    private const int Origin = 444;

    private static IReadOnlyList<Forecast> Forecasts(GradientBoostedModel model, params int[] steps)
    {
        var result = ForecastRun.Make(ForecastData.Africa, model, Origin, EvaluationWindow.Views2020Countries, steps, CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        return result.Value!;
    }

    [Fact]
    public void Forecasts_have_coherent_distributions_and_tell_peace_from_war()
    {
        var forecasts = Forecasts(new GradientBoostedModel(), 3);

        Assert.Equal(54, forecasts.Count);
        Assert.All(forecasts, f =>
        {
            Assert.Equal(Origin + 3, f.TargetMonth);
            var quantiles = f.Distribution.ReportedQuantiles();
            Assert.Equal(quantiles.Order().ToArray(), quantiles);
            Assert.True(f.ProbabilityAtLeast(1) >= f.ProbabilityAtLeast(25) && f.ProbabilityAtLeast(25) >= f.ProbabilityAtLeast(100), f.UnitId);
            Assert.True(double.IsFinite(f.LogChange) && f.Deaths >= 0, f.UnitId);
        });
        var capeVerde = forecasts.Single(f => f.UnitId == "40"); // no state-based deaths in decades
        Assert.Equal(0.0, capeVerde.LogChange);                 // inside the dead zone: exactly "no change"
        Assert.True(capeVerde.ProbabilityAtLeast(1) < 0.1, $"P(≥1) = {capeVerde.ProbabilityAtLeast(1)}");
        var somalia = forecasts.Single(f => f.UnitId == "120"); // 118 deaths in December 2016, war for years
        Assert.True(somalia.ProbabilityAtLeast(1) > 0.9, $"P(≥1) = {somalia.ProbabilityAtLeast(1)}");
        Assert.True(somalia.ProbabilityAtLeast(25) > 0.5, $"P(≥25) = {somalia.ProbabilityAtLeast(25)}");
    }

    [Fact]
    public void The_dead_zone_sets_small_forecasts_to_exactly_zero_and_leaves_the_others()
    {
        var open = Forecasts(new GradientBoostedModel(new LearnedModelOptions { DeadZone = 0 }), 2);
        var zoned = Forecasts(new GradientBoostedModel(), 2);
        var deadZone = new LearnedModelOptions().DeadZone;

        Assert.Equal(0.25, deadZone);
        Assert.Contains(open, f => f.LogChange != 0 && Math.Abs(f.LogChange) < deadZone);
        foreach (var (raw, final) in open.Zip(zoned))
            Assert.Equal(Math.Abs(raw.LogChange) < deadZone ? 0 : raw.LogChange, final.LogChange);
    }

    [Fact]
    public void Two_fits_on_the_same_data_forecast_the_same_and_the_version_names_the_settings()
    {
        var first = Forecasts(new GradientBoostedModel(), 5);
        var second = Forecasts(new GradientBoostedModel(), 5);

        Assert.Equal(first.Select(f => f.LogChange), second.Select(f => f.LogChange));
        Assert.Equal(new GradientBoostedModel().Version, new GradientBoostedModel().Version);
        Assert.NotEqual(new GradientBoostedModel().Version, new GradientBoostedModel(new LearnedModelOptions { DeadZone = 0.1 }).Version);
        Assert.StartsWith("gbm-1-", new GradientBoostedModel().Version);
    }

    [Fact]
    public void Steps_fitted_side_by_side_forecast_exactly_as_steps_fitted_one_at_a_time()
    {
        var together = Forecasts(new GradientBoostedModel(), 2, 4, 7);
        var alone = new[] { 2, 4, 7 }.SelectMany(step => Forecasts(new GradientBoostedModel(), step)).ToList();

        Assert.Equal(alone.Select(f => (f.UnitId, f.Step, f.LogChange)), together.Select(f => (f.UnitId, f.Step, f.LogChange)));
        Assert.Equal(alone.Select(f => f.Distribution.ReportedQuantiles()), together.Select(f => f.Distribution.ReportedQuantiles()));
        Assert.Contains(together, f => f.LogChange != 0);
    }
}
