using Amani.Platform.Audit;
namespace Amani.Analysis.Forecasting.Missions;

/// <summary>What a stored forecast is about: the mission's country (country-month data) or one of its admin-1 areas (built from incidents).</summary>
public enum ForecastUnitKind { Country, Admin1 }

/// <summary>
/// One forecast kept for a mission: made by <see cref="ModelVersion"/> from the data up to <see cref="CutoffMonth"/>
/// (the inputs' cut-off, a ViEWS month id) for <see cref="TargetMonth"/> = cut-off + <see cref="Step"/>. Once the
/// target month's data have arrived, the outcome and the forecast's errors are filled in (<see cref="ScoredAt"/>).
/// </summary>
public sealed class StoredForecast
{
    /// <summary>What audit rows about a mission's forecasts name (<c>forecasts</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("forecasts");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public ForecastUnitKind UnitKind { get; set; }
    /// <summary>The country's ISO 3166 alpha-3 code, or the admin-1 area's P-code.</summary>
    public required string UnitKey { get; set; }
    /// <summary>The admin-1 area (null for the country).</summary>
    public Guid? AreaId { get; set; }
    /// <summary>The model's name (<c>gbm</c>, <c>no-change</c> …) and its exact version.</summary>
    public required string Model { get; set; }
    public required string ModelVersion { get; set; }
    public int CutoffMonth { get; set; }
    public int TargetMonth { get; set; }
    public int Step { get; set; }
    /// <summary>Deaths in the cut-off month (the base of the log change).</summary>
    public double OriginDeaths { get; set; }
    /// <summary>Point forecast of ln(1 + deaths[target]) − ln(1 + deaths[cut-off]).</summary>
    public double LogChange { get; set; }
    /// <summary>Point forecast in deaths.</summary>
    public double Deaths { get; set; }
    /// <summary>P(deaths ≥ 1), P(deaths ≥ 25), P(deaths ≥ 100).</summary>
    public double P1 { get; set; }
    public double P25 { get; set; }
    public double P100 { get; set; }
    /// <summary>Quantiles of the predictive distribution of deaths.</summary>
    public double Q05 { get; set; }
    public double Q10 { get; set; }
    public double Q25 { get; set; }
    public double Q50 { get; set; }
    public double Q75 { get; set; }
    public double Q90 { get; set; }
    public double Q95 { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Deaths observed in the target month, once known.</summary>
    public double? ActualDeaths { get; set; }
    /// <summary>(y − f)² and the TADDA₁ term of the forecast, y the observed log change.</summary>
    public double? SquaredError { get; set; }
    public double? Tadda { get; set; }
    public DateTime? ScoredAt { get; set; }
}
