namespace Amani.Analysis.Forecasting.Series;

/// <summary>
/// A set of unit series seen from a cut-off month: nothing after <see cref="Cutoff"/> can be read through it. Models
/// receive only a <see cref="PanelHistory"/>, so a forecast made at an origin cannot use data observed after it — the
/// no-leakage rule is a property of the type, not a convention.
/// </summary>
public sealed class PanelHistory
{
    private readonly SeriesPanel _panel;
    private IReadOnlyList<UnitSeries>? _units;

    internal PanelHistory(SeriesPanel panel, int cutoff) => (_panel, Cutoff) = (panel, cutoff);

    /// <summary>The panel it looks at (identity only: reading it directly would bypass the cut-off).</summary>
    internal object Source => _panel;

    /// <summary>The last month that can be read (the forecast origin).</summary>
    public int Cutoff { get; }

    /// <summary>The earliest month of any unit.</summary>
    public int FirstMonth => _panel.FirstMonth;

    /// <summary>Units with at least one month at or before the cut-off, in the panel's order.</summary>
    public IReadOnlyList<UnitSeries> Units => _units ??= _panel.UnitsStartingBy(Cutoff);

    /// <summary>The unit, when it has a month at or before the cut-off.</summary>
    public UnitSeries? Find(string unitId) => _panel.Find(unitId) is { } unit && unit.FirstMonth <= Cutoff ? unit : null;

    /// <summary>The unit's months up to the cut-off; empty for an unknown unit or one that starts later.</summary>
    public ReadOnlySpan<MonthlyConflict> MonthsOf(UnitSeries unit) => unit.Through(Cutoff);

    /// <summary>The same panel seen from an earlier month (never a later one).</summary>
    public PanelHistory Through(int cutoff)
    {
        if (cutoff > Cutoff)
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, $"A history cut off at month {Cutoff} cannot be extended to {cutoff}.");
        return new PanelHistory(_panel, cutoff);
    }
}
