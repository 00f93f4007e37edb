namespace Amani.Analysis.Forecasting.Series;

/// <summary>
/// What one unit (a country, an admin-1 area, a PRIO-GRID cell) saw in one month: best-estimate deaths and event counts
/// of state-based (<c>sb</c>), non-state (<c>ns</c>) and one-sided (<c>os</c>) violence, as UCDP counts them.
/// Event counts are 0 when the source has none.
/// </summary>
public readonly record struct MonthlyConflict(double DeathsSb, double DeathsNs, double DeathsOs, double EventsSb, double EventsNs, double EventsOs)
{
    public static readonly MonthlyConflict None = default;
}
