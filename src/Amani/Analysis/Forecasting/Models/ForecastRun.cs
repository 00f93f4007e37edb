using System.Globalization;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting.Series;

namespace Amani.Analysis.Forecasting.Models;

/// <summary>
/// Forecasts chosen units from one origin with one model: checks the request against the data (every refusal is a
/// result naming the problem, never an exception), fits the model on the panel through the origin only, and
/// forecasts each requested step.
/// </summary>
public static class ForecastRun
{
    /// <summary>Fewest months a unit must have up to the origin (its own history).</summary>
    public const int MinimumUnitMonths = 12;

    /// <summary>Fewest months the panel must have up to the origin (the learned model trains on them).</summary>
    public const int MinimumPanelMonths = 36;

    public static Result<IReadOnlyList<Forecast>> Make(SeriesPanel panel, IForecastModel model, int origin, IReadOnlyList<string> unitIds,
        IReadOnlyList<int> steps, CancellationToken cancellationToken)
    {
        if (Check(panel, origin, unitIds, steps) is { } problem)
            return Result<IReadOnlyList<Forecast>>.Invalid(problem.Field, problem.Error);
        var history = panel.Through(origin);
        var units = unitIds.Select(id => panel.Find(id)!).ToList();
        var forecaster = model.Fit(history, cancellationToken);
        // Each step has its own model: fit them side by side (the result does not depend on the order).
        var byStep = new IReadOnlyList<Forecast>[steps.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.For(0, steps.Count, options, i => byStep[i] = forecaster.Forecast(history, units, steps[i]));
        return Result<IReadOnlyList<Forecast>>.Ok(byStep.SelectMany(f => f).ToList());
    }

    /// <summary>Why the request cannot be forecast, or null when it can.</summary>
    public static (string Field, string Error)? Check(SeriesPanel panel, int origin, IReadOnlyList<string> unitIds, IReadOnlyList<int> steps)
    {
        if (steps.Count == 0 || steps.Any(s => s < ForecastHorizon.MinStep || s > ForecastHorizon.MaxStep))
            return ("steps", $"Steps are from {ForecastHorizon.MinStep} to {ForecastHorizon.MaxStep}.");
        if (panel.Count == 0)
            return ("data", "The data hold no series.");
        if (origin < panel.FirstMonth || origin > panel.LastMonth)
            return ("lastMonth", $"Month {Describe(origin)} is outside the data, which run from {Describe(panel.FirstMonth)} to {Describe(panel.LastMonth)}.");
        if (origin - panel.FirstMonth + 1 < MinimumPanelMonths)
            return ("lastMonth", $"Too little history: the data have {origin - panel.FirstMonth + 1} month(s) up to {Describe(origin)}; " +
                                 $"forecasting needs at least {MinimumPanelMonths} (from {Describe(panel.FirstMonth)} on, the last month can be {Describe(panel.FirstMonth + MinimumPanelMonths - 1)} at the earliest).");
        if (unitIds.Count == 0)
            return ("units", "No units to forecast.");
        var unknown = unitIds.Where(id => panel.Find(id) is null).ToList();
        if (unknown.Count > 0)
            return ("units", $"Not in the data: {Names(unknown)}.");
        var ended = unitIds.Where(id => panel.Find(id)!.LastMonth < origin).ToList();
        if (ended.Count > 0)
            return ("units", $"No data for {Describe(origin)} for {Names(ended)} (their series end earlier).");
        var short_ = unitIds.Where(id => origin - panel.Find(id)!.FirstMonth + 1 < MinimumUnitMonths).ToList();
        if (short_.Count > 0)
            return ("units", $"Too little history: {Names(short_)} have fewer than {MinimumUnitMonths} months of data up to {Describe(origin)}.");
        return null;
    }

    /// <summary>A month as <c>month_id N (YYYY-MM)</c>.</summary>
    public static string Describe(int monthId)
    {
        if (monthId < 1)
            return string.Create(CultureInfo.InvariantCulture, $"month_id {monthId}");
        var (year, month) = CountryMonth.YearMonthOf(monthId);
        return string.Create(CultureInfo.InvariantCulture, $"month_id {monthId} ({year:0000}-{month:00})");
    }

    private static string Names(List<string> ids) =>
        string.Join(", ", ids.Take(10)) + (ids.Count > 10 ? $" and {ids.Count - 10} more" : "");
}
