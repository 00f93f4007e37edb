using System.Globalization;

namespace Amani.Bench.Web;

/// <summary>The figures next to their targets (figure ÷ target) and their references measured in the same run (figure ÷ reference).</summary>
public sealed class Table
{
    private readonly List<(string Name, double Figure, string Unit, double? Target, double Reference, string ReferenceName)> _rows = [];

    public bool AllMet => _rows.All(r => r.Target is not { } target || r.Figure <= target);

    public void Add(string name, double figure, string unit, double? target, double reference, string referenceName) =>
        _rows.Add((name, figure, unit, target, reference, referenceName));

    public void Print()
    {
        var header = $"| {"measure",-66} | {"figure",10} | {"target",8} | {"÷ target",8} | {"reference",-30} | {"ref.",9} | {"÷ ref.",7} |";
        Console.WriteLine(header);
        Console.WriteLine($"| {new string('-', 66)} | {new string('-', 9)}: | {new string('-', 7)}: | {new string('-', 7)}: | {new string('-', 30)} | {new string('-', 8)}: | {new string('-', 6)}: |");
        foreach (var r in _rows)
        {
            var target = r.Target is { } t ? $"≤ {t.ToString("0", CultureInfo.InvariantCulture)}" : "";
            var ratio = r.Target is { } t2 ? (r.Figure / t2).ToString("0.00", CultureInfo.InvariantCulture) + (r.Figure <= t2 ? "" : " ✗") : "";
            var reference = r.Reference > 0 ? (r.Figure / r.Reference).ToString("0.0", CultureInfo.InvariantCulture) + "×" : "";
            Console.WriteLine($"| {r.Name,-66} | {Format(r.Figure, r.Unit),10} | {target,8} | {ratio,8} | {r.ReferenceName,-30} | {Format(r.Reference, r.Unit),9} | {reference,7} |");
        }
    }

    private static string Format(double value, string unit) => value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + unit;
}
