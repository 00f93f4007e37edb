using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Amani.Governance.Results.Pages;

/// <summary>
/// An indicator's chart drawn on the server as inline SVG (no script, nothing the CSP blocks): the actual mission-wide
/// values by period as a line, the targets as a dashed line, the latest baseline as a dotted horizontal line. The
/// values table under it says the same in text.
/// </summary>
public sealed class IndicatorChart
{
    public const double Width = 640, Height = 260, Left = 56, Right = 16, Top = 16, Bottom = 40;

    public sealed record Point(string Period, double X, double Y, double Value);
    public sealed record Tick(double Position, string Label);

    public IReadOnlyList<Point> Actuals { get; private init; } = [];
    public IReadOnlyList<Point> Targets { get; private init; } = [];
    public double? BaselineY { get; private init; }
    public double? Baseline { get; private init; }
    public IReadOnlyList<Tick> XTicks { get; private init; } = [];
    public IReadOnlyList<Tick> YTicks { get; private init; } = [];
    public bool Empty => Actuals.Count == 0 && Targets.Count == 0;

    public static string Points(IEnumerable<Point> points) =>
        string.Join(' ', points.Select(p => $"{p.X.ToString("0.#", CultureInfo.InvariantCulture)},{p.Y.ToString("0.#", CultureInfo.InvariantCulture)}"));

    /// <summary>An SVG <c>text</c> element (Razor reserves the tag), its label encoded.</summary>
    public static IHtmlContent Label(double x, double y, string anchor, string label) =>
        new HtmlString($"<text x=\"{Coordinate(x)}\" y=\"{Coordinate(y)}\" text-anchor=\"{anchor}\">{HtmlEncoder.Default.Encode(label)}</text>");

    public static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <param name="actuals">Mission-wide totals by period id.</param>
    /// <param name="targets">Mission-wide targets by period id.</param>
    public static IndicatorChart Of(IReadOnlyDictionary<string, double> actuals, IReadOnlyDictionary<string, double> targets, double? baseline)
    {
        var periods = actuals.Keys.Concat(targets.Keys).Distinct()
            .Select(id => Period.TryParse(id, out var p) ? p : null).OfType<Period>().OrderBy(p => p.Start).Select(p => p.Id).ToList();
        if (periods.Count == 0)
            return new IndicatorChart();
        var all = actuals.Values.Concat(targets.Values).Concat(baseline is { } b ? [b] : []).ToList();
        var (low, high) = (Math.Min(0, all.Min()), all.Max());
        if (high <= low)
            high = low + 1;
        high = Nice(high);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int index) => Left + (periods.Count == 1 ? plotWidth / 2 : plotWidth * index / (periods.Count - 1));
        double Y(double value) => Top + plotHeight * (1 - (value - low) / (high - low));
        var index = periods.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        List<Point> Line(IReadOnlyDictionary<string, double> values) => values.Where(v => index.ContainsKey(v.Key)).OrderBy(v => index[v.Key])
            .Select(v => new Point(v.Key, X(index[v.Key]), Y(v.Value), v.Value)).ToList();
        var step = Math.Max(1, (int)Math.Ceiling(periods.Count / 8.0));
        return new IndicatorChart
        {
            Actuals = Line(actuals),
            Targets = Line(targets),
            Baseline = baseline,
            BaselineY = baseline is { } value ? Y(value) : null,
            XTicks = periods.Select((p, i) => (p, i)).Where(x => x.i % step == 0 || x.i == periods.Count - 1).Select(x => new Tick(X(x.i), x.p)).ToList(),
            YTicks = Enumerable.Range(0, 5).Select(k => low + (high - low) * k / 4).Select(v => new Tick(Y(v), ResultsFormat.Number(v))).ToList(),
        };
    }

    /// <summary>A round number at or above <paramref name="value"/> (1, 2, 2.5 or 5 × a power of ten).</summary>
    private static double Nice(double value)
    {
        if (value <= 0)
            return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1, 2, 2.5, 5, 10 })
            if (factor * power >= value)
                return factor * power;
        return 10 * power;
    }
}
