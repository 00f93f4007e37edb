using Amani.Forecasting.Series;

namespace Amani.Forecasting.Models;

/// <summary>
/// The features the learned model sees for a unit at a forecast origin, computed only from the unit's months up to
/// and including the origin and from the panel's months up to the origin. l(m) = ln(1 + sb[m]); windows that reach
/// before the series' start use the months there are.
/// </summary>
public static class ConflictFeatures
{
    public static readonly string[] Names =
    [
        "l0 (ln(1+sb) at origin)", "l1 (one month before)", "l2 (two months before)",
        "mean l, 3 months", "mean l, 6 months", "mean l, 12 months", "mean l, 36 months", "max l, 12 months",
        "l0 − mean l 12", "l0 − mean l 3", "sd l, 12 months",
        "months since sb > 0", "months since sb ≥ 25", "share of months sb > 0, 12", "share of months sb > 0, 60",
        "ln(1+ns) at origin", "mean ln(1+ns), 12", "ln(1+os) at origin", "mean ln(1+os), 12",
        "ln(1+sb events) at origin", "mean ln(1+sb events), 3",
        "panel mean l at origin", "panel mean l, 3 months − previous 12", "months of history",
        "ewma l (half-life 6) − l0", "ewma l (half-life 24) − l0", "mean l, 120 months", "l0 − l1",
        "mean ln(1+sb events), 12", "mean ln(1+ns+os), 3", "months since sb ≥ 100",
    ];

    public static int Count => Names.Length;

    /// <summary>Longest gap reported by "months since" and "months of history".</summary>
    public const int CapMonths = 120;

    /// <summary>Exponentially weighted mean of l over the last 120 months up to <paramref name="origin"/>.</summary>
    private static double Ewma(ReadOnlySpan<MonthlyConflict> months, int origin, double halfLife)
    {
        var decay = Math.Pow(0.5, 1 / halfLife);
        double weighted = 0, weights = 0, weight = 1;
        for (var i = origin; i >= Math.Max(0, origin - CapMonths + 1); i--, weight *= decay)
        {
            weighted += weight * Math.Log(1 + months[i].DeathsSb);
            weights += weight;
        }
        return weighted / weights;
    }

    /// <param name="months">The unit's months; <paramref name="origin"/> indexes the origin month in it.</param>
    /// <param name="originMonth">The origin as a month id (for the panel features).</param>
    public static void Write(ReadOnlySpan<MonthlyConflict> months, int origin, int originMonth, PanelContext panel, Span<float> row)
    {
        static double L(double count) => Math.Log(1 + count);
        double Mean(ReadOnlySpan<MonthlyConflict> m, int window, Func<MonthlyConflict, double> value)
        {
            var from = Math.Max(0, origin - window + 1);
            double sum = 0;
            for (var i = from; i <= origin; i++)
                sum += value(m[i]);
            return sum / (origin - from + 1);
        }

        var l0 = L(months[origin].DeathsSb);
        var mean3 = Mean(months, 3, m => L(m.DeathsSb));
        var mean12 = Mean(months, 12, m => L(m.DeathsSb));
        double max12 = 0, squares12 = 0;
        var from12 = Math.Max(0, origin - 11);
        for (var i = from12; i <= origin; i++)
        {
            var l = L(months[i].DeathsSb);
            max12 = Math.Max(max12, l);
            squares12 += (l - mean12) * (l - mean12);
        }
        int sinceAny = CapMonths, sinceSerious = CapMonths, sinceHundred = CapMonths;
        for (var i = origin; i >= Math.Max(0, origin - CapMonths + 1); i--)
        {
            if (sinceAny == CapMonths && months[i].DeathsSb > 0)
                sinceAny = origin - i;
            if (sinceSerious == CapMonths && months[i].DeathsSb >= 25)
                sinceSerious = origin - i;
            if (months[i].DeathsSb >= 100)
            {
                sinceHundred = origin - i;
                break;
            }
        }

        var k = 0;
        row[k++] = (float)l0;
        row[k++] = (float)L(months[Math.Max(0, origin - 1)].DeathsSb);
        row[k++] = (float)L(months[Math.Max(0, origin - 2)].DeathsSb);
        row[k++] = (float)mean3;
        row[k++] = (float)Mean(months, 6, m => L(m.DeathsSb));
        row[k++] = (float)mean12;
        row[k++] = (float)Mean(months, 36, m => L(m.DeathsSb));
        row[k++] = (float)max12;
        row[k++] = (float)(l0 - mean12);
        row[k++] = (float)(l0 - mean3);
        row[k++] = (float)Math.Sqrt(squares12 / (origin - from12 + 1));
        row[k++] = sinceAny;
        row[k++] = sinceSerious;
        row[k++] = (float)Mean(months, 12, m => m.DeathsSb > 0 ? 1 : 0);
        row[k++] = (float)Mean(months, 60, m => m.DeathsSb > 0 ? 1 : 0);
        row[k++] = (float)L(months[origin].DeathsNs);
        row[k++] = (float)Mean(months, 12, m => L(m.DeathsNs));
        row[k++] = (float)L(months[origin].DeathsOs);
        row[k++] = (float)Mean(months, 12, m => L(m.DeathsOs));
        row[k++] = (float)L(months[origin].EventsSb);
        row[k++] = (float)Mean(months, 3, m => L(m.EventsSb));
        row[k++] = (float)panel.MeanLogDeaths(originMonth, originMonth);
        row[k++] = (float)(panel.MeanLogDeaths(originMonth - 2, originMonth) - panel.MeanLogDeaths(originMonth - 14, originMonth - 3));
        row[k++] = Math.Min(origin + 1, CapMonths);
        row[k++] = (float)(Ewma(months, origin, 6) - l0);
        row[k++] = (float)(Ewma(months, origin, 24) - l0);
        row[k++] = (float)Mean(months, 120, m => L(m.DeathsSb));
        row[k++] = (float)(l0 - L(months[Math.Max(0, origin - 1)].DeathsSb));
        row[k++] = (float)Mean(months, 12, m => L(m.EventsSb));
        row[k++] = (float)Mean(months, 3, m => L(m.DeathsNs + m.DeathsOs));
        row[k++] = sinceHundred;
    }
}
