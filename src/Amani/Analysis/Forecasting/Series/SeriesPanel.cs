namespace Amani.Analysis.Forecasting.Series;

/// <summary>All the unit series of one kind (country-months, area-months, cell-months). Read it only through <see cref="Through"/>.</summary>
public sealed class SeriesPanel
{
    private readonly UnitSeries[] _units;
    private readonly Dictionary<string, UnitSeries> _byId;

    public SeriesPanel(IEnumerable<UnitSeries> units)
    {
        _units = units.ToArray();
        _byId = new Dictionary<string, UnitSeries>(StringComparer.Ordinal);
        foreach (var unit in _units)
            if (!_byId.TryAdd(unit.UnitId, unit))
                throw new ArgumentException($"Unit {unit.UnitId} appears twice.", nameof(units));
        FirstMonth = _units.Length == 0 ? 0 : _units.Min(u => u.FirstMonth);
        LastMonth = _units.Length == 0 ? 0 : _units.Max(u => u.LastMonth);
    }

    public int FirstMonth { get; }
    public int LastMonth { get; }
    public int Count => _units.Length;
    public IReadOnlyList<UnitSeries> Units => _units;

    public UnitSeries? Find(string unitId) => _byId.GetValueOrDefault(unitId);

    /// <summary>The panel as it was known at the end of <paramref name="cutoff"/>.</summary>
    public PanelHistory Through(int cutoff) => new(this, cutoff);

    internal IReadOnlyList<UnitSeries> UnitsStartingBy(int cutoff) =>
        _units.All(u => u.FirstMonth <= cutoff) ? _units : _units.Where(u => u.FirstMonth <= cutoff).ToArray();
}
