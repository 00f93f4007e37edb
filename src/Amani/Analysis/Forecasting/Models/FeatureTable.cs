using Amani.Analysis.Forecasting.Learning;
using Amani.Analysis.Forecasting.Series;

namespace Amani.Analysis.Forecasting.Models;

/// <summary>
/// The feature rows of every (unit, origin) of a history, computed once per fit and shared by the per-step models;
/// with each row, the unit's ln(1 + sb) series up to the cut-off, from which a step's targets are read.
/// </summary>
internal sealed class FeatureTable
{
    private readonly List<float> _features = [];
    private readonly List<int> _unit = [];
    private readonly List<int> _origin = [];
    private readonly List<double[]> _logDeaths = [];

    private readonly Lazy<int[][]> _valueOrder;

    private FeatureTable() => _valueOrder = new(SortByValue);

    public int Cutoff { get; private init; }
    public int Count => _unit.Count;

    /// <summary>Per feature, every row in ascending order of the feature's value: sorted once, shared by the step models (see <see cref="TrainingSet.ValueOrder"/>).</summary>
    public int[][] ValueOrder => _valueOrder.Value;

    public static FeatureTable Build(PanelHistory history, LearnedModelOptions options)
    {
        var table = new FeatureTable { Cutoff = history.Cutoff };
        var panel = PanelContext.Of(history);
        var row = new float[ConflictFeatures.Count];
        foreach (var unit in history.Units)
        {
            if (options.TrainingUnits is { } only && !only.Contains(unit.UnitId))
                continue;
            var months = history.MonthsOf(unit);
            var index = table._logDeaths.Count;
            var logDeaths = new double[months.Length];
            for (var i = 0; i < months.Length; i++)
                logDeaths[i] = Math.Log(1 + months[i].DeathsSb);
            table._logDeaths.Add(logDeaths);
            var features = ConflictFeatures.Of(months, unit.FirstMonth);
            for (var origin = options.WarmUpMonths - 1; origin < months.Length - 1; origin++)
            {
                features.Write(origin, panel, row);
                table._features.AddRange(row);
                table._unit.Add(index);
                table._origin.Add(origin);
            }
        }
        return table;
    }

    /// <summary>The rows whose target month origin + <paramref name="step"/> is observed.</summary>
    public List<int> RowsFor(int step)
    {
        var rows = new List<int>();
        for (var r = 0; r < _unit.Count; r++)
            if (_origin[r] + step < _logDeaths[_unit[r]].Length)
                rows.Add(r);
        return rows;
    }

    public ReadOnlySpan<float> Features(int row) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_features).Slice(row * ConflictFeatures.Count, ConflictFeatures.Count);

    public double Target(int row, int step)
    {
        var series = _logDeaths[_unit[row]];
        return series[_origin[row] + step] - series[_origin[row]];
    }

    public double OriginLogDeaths(int row) => _logDeaths[_unit[row]][_origin[row]];

    private int[][] SortByValue()
    {
        // The values of each feature sorted by radix; the table transposed first, so each feature's pass reads memory in order.
        var width = ConflictFeatures.Count;
        var columns = TrainingSet.Transpose(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_features), width);
        var order = new int[width][];
        Parallel.For(0, width, f =>
        {
            var column = columns.AsSpan(f * Count, Count);
            var keys = new uint[Count];
            var rows = new int[Count];
            for (var r = 0; r < Count; r++)
                (keys[r], rows[r]) = (SortKey.Of(column[r]), r);
            SortKey.Sort(keys, rows);
            order[f] = rows;
        });
        return order;
    }
}
