namespace Amani.Analysis.Alerts;

/// <summary>A stored forecast's probability of an outcome for one area (or the mission's country) and month.</summary>
/// <param name="MonthId">ViEWS month id: (year − 1980) · 12 + month.</param>
public sealed record ForecastProbability(double Probability, int MonthId, string Model, DateTime IssuedAt);

/// <summary>
/// The latest forecast probabilities, as forecast rules read them. Forecasting provides the implementation; until a
/// forecast is stored the answer is null, and a forecast rule then does not fire (its evaluation says so).
/// </summary>
public interface IForecastProbabilities
{
    /// <param name="areaId">The area, or null for the mission as a whole (its country).</param>
    Task<ForecastProbability?> LatestAsync(Guid missionId, Guid? areaId, int monthId, ForecastOutcome outcome, CancellationToken cancellationToken);
}

/// <summary>The stand-in used until stored forecasts exist: there is never a forecast yet.</summary>
public sealed class NoForecastsYet : IForecastProbabilities
{
    public Task<ForecastProbability?> LatestAsync(Guid missionId, Guid? areaId, int monthId, ForecastOutcome outcome, CancellationToken cancellationToken) =>
        Task.FromResult<ForecastProbability?>(null);
}
