namespace Amani.Analysis.Forecasting.Missions;

/// <summary>The forecasts of one unit (the mission's country or an admin-1 area), and the months forecasts exist for.</summary>
public sealed record ForecastListResponse(string Mission, ForecastUnitKind UnitKind, string UnitKey, ForecastAreaResponse? Area,
    string LatestCutoffMonth, string FirstMonth, string LastMonth, IReadOnlyList<ForecastResponse> Forecasts);

public sealed record ForecastAreaResponse(string PCode, string Name, int Level);

/// <summary>
/// One forecast of state-based deaths in <see cref="Month"/>, made by <see cref="ModelVersion"/> from the data up to
/// <see cref="CutoffMonth"/>: the point forecast as a log change (the ViEWS target) and in deaths, exceedance
/// probabilities, quantiles, and — once the month's data have arrived — the outcome and the forecast's errors.
/// </summary>
public sealed record ForecastResponse(string Model, string ModelVersion, string CutoffMonth, string Month, int Step, double OriginDeaths,
    double LogChange, double Deaths, ForecastProbabilities Probabilities, ForecastQuantiles Quantiles, ForecastOutcome? Outcome)
{
    public static ForecastResponse From(StoredForecast f) => new(f.Model, f.ModelVersion, ForecastMonths.Format(f.CutoffMonth),
        ForecastMonths.Format(f.TargetMonth), f.Step, f.OriginDeaths, f.LogChange, f.Deaths, new ForecastProbabilities(f.P1, f.P25, f.P100),
        new ForecastQuantiles(f.Q05, f.Q10, f.Q25, f.Q50, f.Q75, f.Q90, f.Q95),
        f.ScoredAt is { } scoredAt ? new ForecastOutcome(f.ActualDeaths!.Value, f.SquaredError!.Value, f.Tadda!.Value, scoredAt) : null);
}

public sealed record ForecastProbabilities(double AtLeast1, double AtLeast25, double AtLeast100);

public sealed record ForecastQuantiles(double Q05, double Q10, double Q25, double Q50, double Q75, double Q90, double Q95);

/// <summary>What happened: the deaths observed, and the squared error and TADDA₁ term of the log-change forecast.</summary>
public sealed record ForecastOutcome(double Deaths, double SquaredError, double Tadda, DateTime ScoredAt);

/// <summary>The running accuracy of each model on the mission's scored forecasts.</summary>
public sealed record ForecastAccuracyResponse(string Mission, IReadOnlyList<ModelAccuracy> Models);

/// <summary>
/// One model's record on one kind of unit: mean squared error and TADDA₁ of the log-change forecasts, Brier scores of
/// the exceedance probabilities, the share of outcomes inside the 90% interval [q05, q95]; overall and by step.
/// </summary>
public sealed record ModelAccuracy(string Model, ForecastUnitKind UnitKind, int Scored, double MeanSquaredError, double Tadda,
    double BrierAtLeast1, double BrierAtLeast25, double BrierAtLeast100, double Coverage90, string FirstMonth, string LastMonth,
    IReadOnlyList<StepAccuracy> ByStep);

public sealed record StepAccuracy(int Step, int Scored, double MeanSquaredError, double Tadda);
