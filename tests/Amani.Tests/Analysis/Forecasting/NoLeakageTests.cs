using Amani.Analysis.Forecasting.Evaluation;
using Amani.Analysis.Forecasting.Models;
using Amani.Analysis.Forecasting.Series;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

/// <summary>
/// The ViEWS rule: a forecast from origin o uses months ≤ o only. The learned model is fitted and run on the real
/// data, then on copies whose months after o are rewritten or removed: its forecasts must not move by a bit.
/// </summary>
public sealed class NoLeakageTests
{
    private const int Origin = 444; // December 2016, the last month before task 2's targets

    private static MonthlyConflict Scrambled(MonthlyConflict m, int month) =>
        new(m.DeathsSb * 3 + 7 + month % 5, m.DeathsNs + 11, m.DeathsOs * 2, m.EventsSb + 4, m.EventsNs, m.EventsOs + 1);

    private static IReadOnlyList<Forecast> ForecastFrom(SeriesPanel panel, int origin, params int[] steps)
    {
        var result = ForecastRun.Make(panel, new GradientBoostedModel(), origin, EvaluationWindow.Views2020Countries, steps, CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        return result.Value!;
    }

    private static object[] Fingerprint(IReadOnlyList<Forecast> forecasts) =>
        forecasts.Select(f => (object)(f.UnitId, f.Step, f.LogChange, string.Join(';', f.Distribution.ReportedQuantiles()), f.ProbabilityAtLeast(25))).ToArray();

    [Fact]
    public void Rewriting_or_removing_every_month_after_the_origin_changes_no_forecast_of_the_learned_model()
    {
        var real = ForecastData.Africa;
        var scrambled = ForecastData.AlteredAfter(real, Origin, Scrambled);
        var truncated = ForecastData.AlteredAfter(real, Origin, change: null);
        Assert.Equal(Origin, truncated.LastMonth);
        Assert.NotEqual(real.Units[10].Through(460)[^1], scrambled.Units[10].Through(460)[^1]);

        var expected = Fingerprint(ForecastFrom(real, Origin, 2, 7));
        Assert.Equal(expected, Fingerprint(ForecastFrom(scrambled, Origin, 2, 7)));
        Assert.Equal(expected, Fingerprint(ForecastFrom(truncated, Origin, 2, 7)));
    }

    [Fact]
    public void Rewriting_the_origin_month_itself_does_change_forecasts()
    {
        // The control: the fingerprint is sensitive to the data the model may use.
        var real = ForecastData.Africa;
        var changed = ForecastData.AlteredAfter(real, Origin - 1, Scrambled);

        Assert.NotEqual(Fingerprint(ForecastFrom(real, Origin, 2)), Fingerprint(ForecastFrom(changed, Origin, 2)));
    }

    [Fact]
    public void A_history_cannot_be_read_or_extended_past_its_cutoff()
    {
        var panel = ForecastData.Panel;
        var history = panel.Through(300);
        var unit = panel.Find("57")!; // Ethiopia, from month 108

        Assert.Equal(300 - 108 + 1, history.MonthsOf(unit).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => history.Through(301));
        Assert.Equal(250, history.Through(250).Cutoff);
        Assert.Null(panel.Through(300).Find("246")); // South Sudan starts in July 2011 (month 379)
    }

    /// <summary>Records what the evaluator hands it, and forecasts "no change".</summary>
    private sealed class SpyModel : IForecastModel
    {
        public readonly List<int> FitCutoffs = [];
        public readonly List<(int Fitted, int Origin, int Step, int LongestHistory)> Calls = [];
        public string Name => "spy";
        public string Version => "spy";

        public IForecaster Fit(PanelHistory history, CancellationToken cancellationToken)
        {
            lock (FitCutoffs)
                FitCutoffs.Add(history.Cutoff);
            return new Forecaster(this, history.Cutoff);
        }

        private sealed class Forecaster(SpyModel spy, int fitted) : IForecaster
        {
            public int FittedThrough => fitted;

            public IReadOnlyList<Forecast> Forecast(PanelHistory history, IReadOnlyList<UnitSeries> units, int step)
            {
                var longest = units.Max(u => u.FirstMonth + history.MonthsOf(u).Length - 1);
                lock (spy.FitCutoffs)
                    spy.Calls.Add((fitted, history.Cutoff, step, longest));
                return new NoChangeModel().Forecast(history, units, step);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public void The_evaluator_fits_and_forecasts_from_histories_that_end_at_or_before_each_origin(int refitEvery)
    {
        var spy = new SpyModel();
        var window = EvaluationWindow.Views2020Task2;

        var evaluation = ProtocolEvaluator.Evaluate(ForecastData.Panel, EvaluationWindow.Views2020Countries, window, spy, refitEvery, parallelism: 2);

        Assert.Equal(11_664, evaluation.Forecasts.Count);
        Assert.Equal(36 * 6, spy.Calls.Count); // one call per (target month, step)
        Assert.All(spy.Calls, call =>
        {
            Assert.InRange(call.Origin + call.Step, window.FirstTarget, window.LastTarget);
            Assert.InRange(call.Step, 2, 7);
            Assert.Equal(call.Origin, call.LongestHistory);     // the history handed over ends at the origin
            Assert.InRange(call.Fitted, call.Origin - refitEvery + 1, call.Origin); // fitted at or before it
        });
        Assert.Equal((window.LastOrigin - window.FirstOrigin) / refitEvery + 1, spy.FitCutoffs.Count);
        // The outcome is read by the evaluator alone, from the real series.
        var ethiopia = ForecastData.Panel.Find("57")!;
        var one = evaluation.Forecasts.Single(f => f.UnitId == "57" && f.Origin == 450 && f.Step == 3);
        Assert.Equal(Math.Log(1 + ethiopia.Through(453)[^1].DeathsSb) - Math.Log(1 + ethiopia.Through(450)[^1].DeathsSb), one.Actual, 12);
    }
}
