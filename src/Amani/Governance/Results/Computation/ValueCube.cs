using Amani.Platform.Measures;

namespace Amani.Governance.Results.Computation;

/// <summary>
/// Rolls a measure's facts up into an indicator's values: by the indicator's periods, for the whole mission and for
/// each area of its admin level (a fact's area counts for its ancestor at that level), in total and — when the
/// indicator is split by the measure's group — per group. Sums are zero-filled (no incident in a month is a 0, not a
/// gap); shares, averages and medians are not (no record, no value).
/// </summary>
public sealed class ValueCube(Indicator indicator, Measure measure, IReadOnlyDictionary<Guid, string> areaAtLevel, IReadOnlyCollection<string> levelAreas)
{
    public readonly record struct Key(DateOnly PeriodStart, string Area, string Disaggregation);

    public sealed record Computed(double Value, double? Numerator, double? Denominator, double? Low = null, double? High = null);

    private sealed class Accumulator
    {
        public double Sum, Weight;
        public List<double>? Values;
        public int Intervals;
        public double Low, High;
    }

    private readonly Dictionary<Key, Accumulator> _cells = [];
    private readonly HashSet<string>? _groups = CategoryLists.Codes(indicator.MeasureGroups) is { Count: > 0 } kept ? kept.ToHashSet(StringComparer.Ordinal) : null;
    private readonly bool _byGroup = measure.Group is { } group && CategoryLists.Codes(indicator.Disaggregations).Contains(group);

    public void Add(IEnumerable<MeasureFact> facts)
    {
        foreach (var fact in facts)
        {
            if (_groups is not null && (fact.Group is null || !_groups.Contains(fact.Group)))
                continue;
            var start = Period.Of(fact.Month, indicator.Frequency).Start;
            string? area = null;
            if (indicator.AreaLevel is not null && fact.AreaId is { } id)
                areaAtLevel.TryGetValue(id, out area);
            var split = _byGroup && fact.Group is not null ? $"{measure.Group}:{fact.Group}" : null;
            Accumulate(new Key(start, "", ""), fact);
            if (area is not null)
                Accumulate(new Key(start, area, ""), fact);
            if (split is not null)
            {
                Accumulate(new Key(start, "", split), fact);
                if (area is not null)
                    Accumulate(new Key(start, area, split), fact);
            }
        }
    }

    private void Accumulate(Key key, MeasureFact fact)
    {
        if (!_cells.TryGetValue(key, out var cell))
            _cells[key] = cell = new Accumulator();
        cell.Sum += fact.Value;
        cell.Weight += fact.Weight;
        // The whole mission's cell takes the interval of a fact without an area, an area's cell that of a fact of an area.
        if (fact is { Low: { } low, High: { } high } && (key.Area.Length == 0) == (fact.AreaId is null))
            (cell.Intervals, cell.Low, cell.High) = (cell.Intervals + 1, low, high);
        if (measure.Aggregation == MeasureAggregation.Median)
            (cell.Values ??= []).Add(fact.Value);
    }

    /// <summary>The values of the periods starting from <paramref name="from"/> until <paramref name="until"/> (exclusive).</summary>
    public Dictionary<Key, Computed> Values(DateOnly from, DateOnly until)
    {
        var result = new Dictionary<Key, Computed>();
        if (measure.Aggregation == MeasureAggregation.Sum)
            foreach (var period in Period.Between(from, until, indicator.Frequency))
            {
                result[new Key(period.Start, "", "")] = new Computed(0, null, null);
                foreach (var area in levelAreas)
                    result[new Key(period.Start, area, "")] = new Computed(0, null, null);
            }
        foreach (var (key, cell) in _cells)
        {
            if (key.PeriodStart < from || key.PeriodStart >= until)
                continue;
            if (ValueOf(cell) is { } computed)
                result[key] = computed;
        }
        return result;
    }

    private Computed? ValueOf(Accumulator cell)
    {
        switch (measure.Aggregation)
        {
            case MeasureAggregation.Sum:
                return new Computed(Math.Round(cell.Sum, 6), null, null);
            case MeasureAggregation.Median:
                return cell.Values is { Count: > 0 } values ? new Computed(Math.Round(Median(values), 6), null, null) : null;
            default:
                if (cell.Weight <= 0)
                    return null;
                var scale = indicator.Type switch { IndicatorType.Percentage => 100, IndicatorType.Ratio => indicator.Factor ?? 1, _ => 1 };
                return cell.Intervals == 1 && measure.Aggregation == MeasureAggregation.Share
                    ? new Computed(Math.Round(cell.Sum / cell.Weight * scale, 6), cell.Sum, cell.Weight, Math.Round(cell.Low * scale, 6), Math.Round(cell.High * scale, 6))
                    : new Computed(Math.Round(cell.Sum / cell.Weight * scale, 6), cell.Sum, cell.Weight);
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
