using System.ComponentModel.DataAnnotations;

namespace Amani.Analysis.Forecasting.Missions;

/// <summary>When the server makes and scores forecasts by itself (<see cref="ForecastScheduler"/>).</summary>
public sealed record ForecastSettings
{
    /// <summary>
    /// Minutes between two passes over every mission (<c>AMANI_FORECAST_INTERVAL_MINUTES</c>, default 60; 0 switches the
    /// schedule off; at most a week).
    /// </summary>
    [ConfigurationKeyName("AMANI_FORECAST_INTERVAL_MINUTES"), Range(0, 10_080)]
    public int IntervalMinutes { get; init; } = 60;

    /// <summary>Wait after start-up before the first pass (so that a starting server answers first).</summary>
    public TimeSpan FirstPassDelay { get; init; } = TimeSpan.FromMinutes(2);
}
