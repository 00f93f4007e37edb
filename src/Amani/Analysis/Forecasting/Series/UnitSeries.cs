namespace Amani.Analysis.Forecasting.Series;

/// <summary>
/// One unit's monthly series: a value for every month from <see cref="FirstMonth"/> to <see cref="LastMonth"/>, without
/// gaps (a month with no event is a month of zeros). Months are ViEWS month ids (1 = January 1980). The unit's
/// <see cref="UnitId"/> is opaque: a ViEWS country id, an area id, a PRIO-GRID cell id.
/// </summary>
public sealed class UnitSeries
{
    private readonly MonthlyConflict[] _months;

    public UnitSeries(string unitId, string? name, int firstMonth, IReadOnlyList<MonthlyConflict> months)
    {
        ArgumentException.ThrowIfNullOrEmpty(unitId);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstMonth, 1);
        ArgumentOutOfRangeException.ThrowIfZero(months.Count);
        foreach (var month in months)
            if (!(month.DeathsSb >= 0 && month.DeathsNs >= 0 && month.DeathsOs >= 0 && month.EventsSb >= 0 && month.EventsNs >= 0 && month.EventsOs >= 0))
                throw new ArgumentException($"Unit {unitId}: counts must be finite and not negative.", nameof(months));
        (UnitId, Name, FirstMonth, _months) = (unitId, name, firstMonth, months.ToArray());
    }

    public string UnitId { get; }
    public string? Name { get; }
    public int FirstMonth { get; }
    public int LastMonth => FirstMonth + _months.Length - 1;

    /// <summary>The months from <see cref="FirstMonth"/> through <paramref name="cutoff"/> (empty when the series starts later).</summary>
    public ReadOnlySpan<MonthlyConflict> Through(int cutoff) =>
        cutoff < FirstMonth ? [] : _months.AsSpan(0, Math.Min(_months.Length, cutoff - FirstMonth + 1));
}
