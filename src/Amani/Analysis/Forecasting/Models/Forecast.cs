namespace Amani.Analysis.Forecasting.Models;

/// <summary>
/// One forecast: for a unit, made at <see cref="Origin"/> (the last month the model could see) for
/// <see cref="TargetMonth"/> = origin + <see cref="Step"/>. <see cref="LogChange"/> is the point forecast of
/// ln(1 + sb[target]) − ln(1 + sb[origin]), the ViEWS 2020 target; <see cref="Distribution"/> is the predictive
/// distribution of sb[target] (deaths).
/// </summary>
public sealed record Forecast(string UnitId, int Origin, int Step, double OriginDeaths, double LogChange, PredictiveDistribution Distribution)
{
    public int TargetMonth => Origin + Step;

    /// <summary>The point forecast in deaths: exp(ln(1 + sb[origin]) + <see cref="LogChange"/>) − 1.</summary>
    public double Deaths => Math.Max(0, Math.Exp(Math.Log(1 + OriginDeaths) + LogChange) - 1);

    public double ProbabilityAtLeast(double deaths) => Distribution.ProbabilityAtLeast(deaths);
}

/// <summary>How far ahead forecasts go.</summary>
public static class ForecastHorizon
{
    public const int MinStep = 1;
    public const int MaxStep = 12;

    /// <summary>Death thresholds whose exceedance probabilities every forecast reports.</summary>
    public static readonly int[] Thresholds = [1, 25, 100];
}
