using Amani.Analysis.Forecasting.Series;

namespace Amani.Analysis.Forecasting.Models;

/// <summary>
/// What the whole panel did month by month, as known at a history's cut-off: the mean of ln(1 + sb) over the units
/// that have the month. Features use it for the regional (continental) trend.
/// </summary>
public sealed class PanelContext
{
    private readonly double[] _meanLogDeaths;

    private PanelContext(int firstMonth, double[] meanLogDeaths) => (FirstMonth, _meanLogDeaths) = (firstMonth, meanLogDeaths);

    public int FirstMonth { get; }
    public int LastMonth => FirstMonth + _meanLogDeaths.Length - 1;

    public static PanelContext Of(PanelHistory history)
    {
        var first = history.FirstMonth;
        var length = Math.Max(0, history.Cutoff - first + 1);
        var sums = new double[length];
        var counts = new int[length];
        foreach (var unit in history.Units)
        {
            var months = history.MonthsOf(unit);
            var offset = unit.FirstMonth - first;
            for (var i = 0; i < months.Length; i++)
            {
                sums[offset + i] += Math.Log(1 + months[i].DeathsSb);
                counts[offset + i]++;
            }
        }
        for (var i = 0; i < length; i++)
            sums[i] = counts[i] > 0 ? sums[i] / counts[i] : 0;
        return new PanelContext(first, sums);
    }

    /// <summary>The panel's mean ln(1 + sb) over months <paramref name="from"/>..<paramref name="to"/> (clipped to the known months).</summary>
    public double MeanLogDeaths(int from, int to)
    {
        from = Math.Max(from, FirstMonth);
        to = Math.Min(to, LastMonth);
        if (to < from)
            return 0;
        double sum = 0;
        for (var month = from; month <= to; month++)
            sum += _meanLogDeaths[month - FirstMonth];
        return sum / (to - from + 1);
    }
}
