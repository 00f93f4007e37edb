using System.Diagnostics;
using Amani.Forecasting.Models;
using Amani.Forecasting.Series;

namespace Amani.Forecasting.Evaluation;

/// <summary>One scored forecast: the outcome y = ln(1 + sb[t]) − ln(1 + sb[t − s]) and the forecast f of it.</summary>
public readonly record struct ScoredForecast(string UnitId, int Origin, int Step, double Actual, double Predicted)
{
    public int TargetMonth => Origin + Step;
}

/// <summary>A model's forecasts over an evaluation window, and their scores.</summary>
public sealed record ModelEvaluation(string Model, string Version, EvaluationWindow Window, IReadOnlyList<ScoredForecast> Forecasts, int Fits, TimeSpan Elapsed)
{
    public double MeanSquaredError => ForecastMetrics.MeanSquaredError(Forecasts.Select(f => f.Actual).ToList(), Forecasts.Select(f => f.Predicted).ToList());
    public double Tadda => ForecastMetrics.Tadda(Forecasts.Select(f => f.Actual).ToList(), Forecasts.Select(f => f.Predicted).ToList());
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
                        var actual = LogDeaths(unit, origin + step) - LogDeaths(unit, origin);
                        scored.Add(new ScoredForecast(forecast.UnitId, origin, step, actual, forecast.LogChange));
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
