using Amani.Analysis.Forecasting.Series;

namespace Amani.Analysis.Forecasting.Models;

/// <summary>
/// The features the learned model sees for a unit at a forecast origin, computed only from the unit's months up to
/// and including the origin and from the panel's months up to the origin. l(m) = ln(1 + sb[m]); windows that reach
/// before the series' start use the months there are. <see cref="Of"/> prepares a unit's running sums once, after
/// which each origin's row costs a few dozen operations.
/// </summary>
public sealed class ConflictFeatures
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

    /// <summary>Index of l0 and of the 12-month share of months with deaths (used to bucket residuals).</summary>
    public const int LevelIndex = 0, ActiveShareIndex = 13;

    /// <summary>Longest gap reported by "months since" and "months of history".</summary>
    public const int CapMonths = 120;

    private static readonly double Decay6 = Math.Pow(0.5, 1 / 6.0), Decay24 = Math.Pow(0.5, 1 / 24.0);

    private readonly int _firstMonth;
    private readonly double[] _l;
    // Running sums: S[i] = Σ over months before index i.
    private readonly double[] _sumL, _sumL2, _sumNs, _sumOs, _sumEvents, _sumNsOs, _sumAny;
    private readonly double[] _logNs, _logOs, _logEvents, _ewma6, _ewma24;
    private readonly int[] _lastAny, _lastSerious, _lastHundred;

    private ConflictFeatures(ReadOnlySpan<MonthlyConflict> months, int firstMonth)
    {
        _firstMonth = firstMonth;
        var n = months.Length;
        (_l, _logNs, _logOs, _logEvents, _ewma6, _ewma24) = (new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        (_sumL, _sumL2, _sumNs, _sumOs, _sumEvents, _sumNsOs, _sumAny) =
            (new double[n + 1], new double[n + 1], new double[n + 1], new double[n + 1], new double[n + 1], new double[n + 1], new double[n + 1]);
        (_lastAny, _lastSerious, _lastHundred) = (new int[n], new int[n], new int[n]);
        double s6 = 0, w6 = 0, s24 = 0, w24 = 0;
        int lastAny = -1, lastSerious = -1, lastHundred = -1;
        for (var i = 0; i < n; i++)
        {
            var m = months[i];
            var l = _l[i] = Math.Log(1 + m.DeathsSb);
            _logNs[i] = Math.Log(1 + m.DeathsNs);
            _logOs[i] = Math.Log(1 + m.DeathsOs);
            _logEvents[i] = Math.Log(1 + m.EventsSb);
            _sumL[i + 1] = _sumL[i] + l;
            _sumL2[i + 1] = _sumL2[i] + l * l;
            _sumNs[i + 1] = _sumNs[i] + _logNs[i];
            _sumOs[i + 1] = _sumOs[i] + _logOs[i];
            _sumEvents[i + 1] = _sumEvents[i] + _logEvents[i];
            _sumNsOs[i + 1] = _sumNsOs[i] + Math.Log(1 + m.DeathsNs + m.DeathsOs);
            _sumAny[i + 1] = _sumAny[i] + (m.DeathsSb > 0 ? 1 : 0);
            (s6, w6) = (l + Decay6 * s6, 1 + Decay6 * w6);
            (s24, w24) = (l + Decay24 * s24, 1 + Decay24 * w24);
            (_ewma6[i], _ewma24[i]) = (s6 / w6, s24 / w24);
            if (m.DeathsSb > 0) lastAny = i;
            if (m.DeathsSb >= 25) lastSerious = i;
            if (m.DeathsSb >= 100) lastHundred = i;
            (_lastAny[i], _lastSerious[i], _lastHundred[i]) = (lastAny, lastSerious, lastHundred);
        }
    }

    /// <summary>Prepares the features of a unit whose months (from <paramref name="firstMonth"/>) are <paramref name="months"/>.</summary>
    public static ConflictFeatures Of(ReadOnlySpan<MonthlyConflict> months, int firstMonth) => new(months, firstMonth);

    public int Length => _l.Length;

    /// <summary>Writes the features at the origin index <paramref name="origin"/> (month firstMonth + origin) into <paramref name="row"/>.</summary>
    public void Write(int origin, PanelContext panel, Span<float> row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(origin, _l.Length);
        var originMonth = _firstMonth + origin;
        var l0 = _l[origin];
        var mean3 = Mean(_sumL, origin, 3);
        var mean12 = Mean(_sumL, origin, 12);
        double max12 = 0;
        for (var i = Math.Max(0, origin - 11); i <= origin; i++)
            max12 = Math.Max(max12, _l[i]);
        var variance12 = Math.Max(0, Mean(_sumL2, origin, 12) - mean12 * mean12);

        var k = 0;
        row[k++] = (float)l0;
        row[k++] = (float)_l[Math.Max(0, origin - 1)];
        row[k++] = (float)_l[Math.Max(0, origin - 2)];
        row[k++] = (float)mean3;
        row[k++] = (float)Mean(_sumL, origin, 6);
        row[k++] = (float)mean12;
        row[k++] = (float)Mean(_sumL, origin, 36);
        row[k++] = (float)max12;
        row[k++] = (float)(l0 - mean12);
        row[k++] = (float)(l0 - mean3);
        row[k++] = (float)Math.Sqrt(variance12);
        row[k++] = Since(_lastAny[origin], origin);
        row[k++] = Since(_lastSerious[origin], origin);
        row[k++] = (float)Mean(_sumAny, origin, 12);
        row[k++] = (float)Mean(_sumAny, origin, 60);
        row[k++] = (float)_logNs[origin];
        row[k++] = (float)Mean(_sumNs, origin, 12);
        row[k++] = (float)_logOs[origin];
        row[k++] = (float)Mean(_sumOs, origin, 12);
        row[k++] = (float)_logEvents[origin];
        row[k++] = (float)Mean(_sumEvents, origin, 3);
        row[k++] = (float)panel.MeanLogDeaths(originMonth, originMonth);
        row[k++] = (float)(panel.MeanLogDeaths(originMonth - 2, originMonth) - panel.MeanLogDeaths(originMonth - 14, originMonth - 3));
        row[k++] = Math.Min(origin + 1, CapMonths);
        row[k++] = (float)(_ewma6[origin] - l0);
        row[k++] = (float)(_ewma24[origin] - l0);
        row[k++] = (float)Mean(_sumL, origin, 120);
        row[k++] = (float)(l0 - _l[Math.Max(0, origin - 1)]);
        row[k++] = (float)Mean(_sumEvents, origin, 12);
        row[k++] = (float)Mean(_sumNsOs, origin, 3);
        row[k++] = Since(_lastHundred[origin], origin);
    }

    private static double Mean(double[] sums, int origin, int window)
    {
        var from = Math.Max(0, origin - window + 1);
        return (sums[origin + 1] - sums[from]) / (origin - from + 1);
    }

    private static float Since(int last, int origin) => last < 0 ? CapMonths : Math.Min(origin - last, CapMonths);
}
