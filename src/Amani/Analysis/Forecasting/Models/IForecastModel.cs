using Amani.Analysis.Forecasting.Series;

namespace Amani.Analysis.Forecasting.Models;

/// <summary>
/// A forecasting model. <see cref="Fit"/> sees only a <see cref="PanelHistory"/> (nothing after its cut-off); the
/// forecaster it returns then forecasts from any later origin, again seeing only the history up to that origin.
/// </summary>
public interface IForecastModel
{
    /// <summary>Short name, as printed in evaluation tables and stored with forecasts (<c>no-change</c>, <c>gbm</c>).</summary>
    string Name { get; }

    /// <summary>Changes whenever the model's forecasts would change for the same data.</summary>
    string Version { get; }

    IForecaster Fit(PanelHistory history, CancellationToken cancellationToken);
}

public interface IForecaster
{
    /// <summary>The cut-off of the history the forecaster was fitted on; it forecasts from origins at or after it.</summary>
    int FittedThrough { get; }

    /// <summary>
    /// Forecasts, for each unit, the month <paramref name="step"/> months after the origin <c>history.Cutoff</c>.
    /// Every unit must have a value at the origin.
    /// </summary>
    IReadOnlyList<Forecast> Forecast(PanelHistory history, IReadOnlyList<UnitSeries> units, int step);
}
