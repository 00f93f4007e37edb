using System.Diagnostics;
using Amani.Analysis.Forecasting.Models;
using Amani.Analysis.Forecasting.Series;

namespace Amani.Analysis.Forecasting.Evaluation;

/// <summary>
/// One scored forecast: the outcome y = ln(1 + sb[t]) − ln(1 + sb[t − s]) and the forecast f of it; the deaths
/// observed in t, and what the predictive distribution said of them (P(≥ 1), P(≥ 25), P(≥ 100), the 5% and 95% quantiles).
/// </summary>
public readonly record struct ScoredForecast(string UnitId, int Origin, int Step, double Actual, double Predicted,
    double Deaths, double P1, double P25, double P100, double Q05, double Q95)
{
    public int TargetMonth => Origin + Step;
}

/// <summary>A model's forecasts over an evaluation window, and their scores.</summary>
public sealed record ModelEvaluation(string Model, string Version, EvaluationWindow Window, IReadOnlyList<ScoredForecast> Forecasts, int Fits, TimeSpan Elapsed)
{
    public double MeanSquaredError => ForecastMetrics.MeanSquaredError(Forecasts.Select(f => f.Actual).ToList(), Forecasts.Select(f => f.Predicted).ToList());
    public double Tadda => ForecastMetrics.Tadda(Forecasts.Select(f => f.Actual).ToList(), Forecasts.Select(f => f.Predicted).ToList());

    /// <summary>Brier score of P(deaths ≥ <paramref name="threshold"/>) (1, 25 or 100).</summary>
    public double Brier(int threshold) => Forecasts.Average(f =>
    {
        var p = threshold switch { 1 => f.P1, 25 => f.P25, 100 => f.P100, _ => throw new ArgumentOutOfRangeException(nameof(threshold)) };
        var outcome = f.Deaths >= threshold ? 1.0 : 0.0;
        return (p - outcome) * (p - outcome);
    });

    /// <summary>Share of outcomes inside the central 90% interval [q05, q95].</summary>
    public double Coverage90 => Forecasts.Average(f => f.Deaths >= f.Q05 - 1e-9 && f.Deaths <= f.Q95 + 1e-9 ? 1.0 : 0.0);
}

/// <summary>
/// Runs a model through an <see cref="EvaluationWindow"/> the way the ViEWS protocol prescribes: for each origin o,
/// the model only ever receives the panel through o (<see cref="SeriesPanel.Through"/>), both to fit and to forecast.
/// A model is re-fitted every <c>refitEvery</c> origins (1 = at every origin); between fits it forecasts from later
/// origins with the fit of an earlier one — it then sees less, never more, than the protocol allows. Fits run in
/// parallel; results do not depend on the degree of parallelism.
/// </summary>
public static class ProtocolEvaluator
{
    public static ModelEvaluation Evaluate(SeriesPanel panel, IReadOnlyList<string> unitIds, EvaluationWindow window, IForecastModel model,
        int refitEvery = 1, int parallelism = 1, CancellationToken cancellationToken = default)
    {
        window.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(refitEvery, 1);
        var units = Scored(panel, unitIds, window);
        var stopwatch = Stopwatch.StartNew();
        var blocks = new List<int>();
        for (var origin = window.FirstOrigin; origin <= window.LastOrigin; origin += refitEvery)
            blocks.Add(origin);
        var results = new List<ScoredForecast>[blocks.Count];
        Parallel.For(0, blocks.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken }, b =>
        {
            var forecaster = model.Fit(panel.Through(blocks[b]), cancellationToken);
            var scored = new List<ScoredForecast>();
            for (var origin = blocks[b]; origin < blocks[b] + refitEvery && origin <= window.LastOrigin; origin++)
            {
                var history = panel.Through(origin);
                foreach (var step in window.StepsFrom(origin))
                    foreach (var forecast in forecaster.Forecast(history, units, step))
                    {
                        var unit = panel.Find(forecast.UnitId)!;
                        var deaths = unit.Through(origin + step)[^1].DeathsSb;
                        var actual = Math.Log(1 + deaths) - LogDeaths(unit, origin);
                        var d = forecast.Distribution;
                        scored.Add(new ScoredForecast(forecast.UnitId, origin, step, actual, forecast.LogChange, deaths,
                            d.ProbabilityAtLeast(1), d.ProbabilityAtLeast(25), d.ProbabilityAtLeast(100), d.Quantile(0.05), d.Quantile(0.95)));
                    }
            }
            results[b] = scored;
        });
        var all = results.SelectMany(r => r).OrderBy(f => f.TargetMonth).ThenBy(f => f.Step).ThenBy(f => f.UnitId, StringComparer.Ordinal).ToList();
        return new ModelEvaluation(model.Name, model.Version, window, all, blocks.Count, stopwatch.Elapsed);
    }

    private static double LogDeaths(UnitSeries unit, int month) => Math.Log(1 + unit.Through(month)[^1].DeathsSb);

    /// <summary>Why <paramref name="unitIds"/> cannot be scored over the window (unknown, or without data for every origin and target), or null.</summary>
    public static string? CheckCoverage(SeriesPanel panel, IReadOnlyList<string> unitIds, EvaluationWindow window)
    {
        if (unitIds.Count == 0)
            return "No units to score.";
        var unknown = unitIds.Where(id => panel.Find(id) is null).ToList();
        if (unknown.Count > 0)
            return $"Not in the data: {string.Join(", ", unknown.Take(10))}{(unknown.Count > 10 ? $" and {unknown.Count - 10} more" : "")}.";
        foreach (var id in unitIds)
        {
            var unit = panel.Find(id)!;
            if (unit.FirstMonth > window.FirstOrigin || unit.LastMonth < window.LastTarget)
                return $"Unit {id} has data for {ForecastRun.Describe(unit.FirstMonth)} to {ForecastRun.Describe(unit.LastMonth)}; " +
                       $"{window.Name} needs every month from {ForecastRun.Describe(window.FirstOrigin)} to {ForecastRun.Describe(window.LastTarget)}.";
        }
        return null;
    }

    private static List<UnitSeries> Scored(SeriesPanel panel, IReadOnlyList<string> unitIds, EvaluationWindow window) =>
        CheckCoverage(panel, unitIds, window) is { } problem
            ? throw new ArgumentException(problem, nameof(unitIds))
            : unitIds.Select(id => panel.Find(id)!).ToList();
}
