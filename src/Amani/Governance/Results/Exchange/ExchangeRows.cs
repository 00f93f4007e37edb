using System.Globalization;

namespace Amani.Governance.Results.Exchange;

/// <summary>
/// One stored value as the exchange formats write it: the indicator's code (and the admin level it is given by), the
/// period, the area's P-code (empty: the whole mission), the canonical disaggregation (empty: the total), the value with
/// its numerator and denominator, and who entered it when (the display name only; empty for a computed value or one
/// entered from the command line).
/// </summary>
public sealed record ExchangeRow(string Indicator, int? AreaLevel, string Period, string Area, string Disaggregation, double Value,
    double? Numerator, double? Denominator, string? Comment, bool FollowUp, bool Computed, string? EnteredBy, DateTime EnteredAt);

/// <summary>
/// What a file read into: its lines, ready for <see cref="Values.ValueRules"/>, and the lines refused already because
/// a cell or a JSON value could not be read (a bad number, a value of the wrong JSON type). A refused line is still
/// passed on with a value that cannot be entered (NaN), so that the batch can never be written while one is refused
/// and the mission's rules still list every other problem of the file.
/// </summary>
public sealed record ExchangeFile(IReadOnlyList<CodedValueInput> Lines, IReadOnlyList<ValueReject> Refused);

/// <summary>A file read: either its <see cref="File"/>, or <see cref="Problem"/> — why the file as a whole cannot be read (its shape, naming the place).</summary>
public sealed record ExchangeRead(ExchangeFile? File, string? Problem)
{
    public static ExchangeRead Unreadable(string problem) => new(null, problem);
}

/// <summary>What an import did: the file could not be read (<see cref="Problem"/>), or the batch's result (written, unchanged, or every reject).</summary>
public sealed record ExchangeImport(string? Problem, ValueBatchResult? Result);

/// <summary>The answer to a successful import.</summary>
public sealed record ExchangeImported(int Written, int Unchanged);

/// <summary>
/// Which values an export holds: periods starting at or after <see cref="From"/> and before <see cref="Until"/>
/// (exclusive), the indicators named (all when empty), computed ones or not.
/// </summary>
public sealed record ExchangeFilter(DateOnly? From, DateOnly? Until, IReadOnlyList<string> Indicators, bool IncludeComputed = true)
{
    public static ExchangeFilter All { get; } = new(null, null, []);

    /// <summary>
    /// Reads the filter of the API and the CLI: <paramref name="from"/> and <paramref name="until"/> as DHIS2 periods
    /// (<c>2024Q1</c>; <c>until</c> takes in the whole period) or dates (<c>2024-03-31</c>, inclusive), the indicator codes
    /// repeated or comma-separated. Returns the field at fault and why when one cannot be read.
    /// </summary>
    public static (ExchangeFilter? Filter, string? Field, string? Problem) Read(string? from, string? until, IEnumerable<string?>? indicators,
        bool includeComputed = true)
    {
        if (Bound(from, start: true) is not (true, var start))
            return (null, "from", $"'{from}' is neither a period (202401, 2024Q1, 2024) nor a date (2024-01-31).");
        if (Bound(until, start: false) is not (true, var end))
            return (null, "until", $"'{until}' is neither a period (202401, 2024Q1, 2024) nor a date (2024-01-31).");
        if (start is { } s && end is { } e && e <= s)
            return (null, "until", "'until' is before 'from': no value can be in between.");
        var codes = (indicators ?? []).SelectMany(i => (i ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return (new ExchangeFilter(start, end, codes, includeComputed), null, null);
    }

    private static (bool Read, DateOnly? Day) Bound(string? text, bool start)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (true, null);
        if (Period.TryParse(text, out var period))
            return (true, start ? period.Value.Start : period.Value.End);
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return (true, start ? day : day.AddDays(1));
        return (false, null);
    }
}

/// <summary>Reading numbers and flags the way both formats write them: invariant culture, a point for decimals.</summary>
internal static class ExchangeText
{
    public static bool TryNumber(string? text, out double? number)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
            return false;
        number = parsed;
        return true;
    }

    public static bool TryFlag(string? text, out bool flag)
    {
        flag = false;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "0" or "no":
                return true;
            case "true" or "1" or "yes":
                flag = true;
                return true;
            default:
                return false;
        }
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A line refused before the rules: passed on with NaN, which no rule lets through (see <see cref="ExchangeFile"/>).</summary>
    public static ValueInput Unenterable(ValueInput input) => input with { Value = double.NaN };

    /// <summary>
    /// The rejects of a file: those of the reading, then those of the rules, without the rules' "finite number" reject of
    /// the lines the reading refused (their NaN stands for the reading's own, more precise reject).
    /// </summary>
    public static IReadOnlyList<ValueReject> Merge(IReadOnlyList<ValueReject> refused, IReadOnlyList<ValueReject> rules, IReadOnlyList<CodedValueInput> lines)
    {
        var unreadable = refused.Select(r => r.Where).ToHashSet(StringComparer.Ordinal);
        var order = lines.Select((l, i) => (l.Where, i)).GroupBy(l => l.Where).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        return refused.Concat(rules.Where(r => !(unreadable.Contains(r.Where) && r.Field == "value" && r.Message == NotFinite)))
            .OrderBy(r => order.GetValueOrDefault(r.Where, -1)).ToList();
    }

    /// <summary>The message <see cref="Values.ValueRules"/> gives a value that is not a finite number.</summary>
    public const string NotFinite = "Give a finite number.";
}
