using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Amani.Governance.Results;

/// <summary>
/// A reporting period in DHIS2's form — <c>202401</c> (monthly), <c>2024Q1</c> (quarterly), <c>2024</c> (yearly) — with
/// its first day and the day after its last.
/// </summary>
public readonly record struct Period(IndicatorFrequency Frequency, DateOnly Start)
{
    public DateOnly End => Frequency switch
    {
        IndicatorFrequency.Monthly => Start.AddMonths(1),
        IndicatorFrequency.Quarterly => Start.AddMonths(3),
        _ => Start.AddYears(1),
    };

    /// <summary>The DHIS2 period id.</summary>
    public string Id => Frequency switch
    {
        IndicatorFrequency.Monthly => Start.ToString("yyyyMM", CultureInfo.InvariantCulture),
        IndicatorFrequency.Quarterly => $"{Start.Year}Q{(Start.Month - 1) / 3 + 1}",
        _ => Start.Year.ToString(CultureInfo.InvariantCulture),
    };

    public override string ToString() => Id;

    public Period Next => new(Frequency, End);

    /// <summary>The period of <paramref name="frequency"/> that holds <paramref name="day"/>.</summary>
    public static Period Of(DateOnly day, IndicatorFrequency frequency) => frequency switch
    {
        IndicatorFrequency.Monthly => new(frequency, new DateOnly(day.Year, day.Month, 1)),
        IndicatorFrequency.Quarterly => new(frequency, new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1)),
        _ => new(frequency, new DateOnly(day.Year, 1, 1)),
    };

    /// <summary>Reads a DHIS2 period id of any of the three forms.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Period? period)
    {
        period = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || !int.TryParse(text.AsSpan(0, Math.Min(4, text.Length)), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year is < 1900 or > 2200 || text.Length < 4)
            return false;
        if (text.Length == 4)
            period = new Period(IndicatorFrequency.Yearly, new DateOnly(year, 1, 1));
        else if (text.Length == 6 && text[4] is 'Q' or 'q' && text[5] is >= '1' and <= '4')
            period = new Period(IndicatorFrequency.Quarterly, new DateOnly(year, (text[5] - '1') * 3 + 1, 1));
        else if (text.Length == 6 && int.TryParse(text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
            period = new Period(IndicatorFrequency.Monthly, new DateOnly(year, month, 1));
        return period is not null;
    }

    /// <summary>Reads a period that must be of <paramref name="frequency"/>; the message says what was expected.</summary>
    public static bool TryParse(string? text, IndicatorFrequency frequency, [NotNullWhen(true)] out Period? period, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (!TryParse(text, out period))
        {
            problem = $"'{text}' is not a period: write {Example(frequency)}.";
            return false;
        }
        if (period.Value.Frequency != frequency)
        {
            problem = $"'{text}' is a {period.Value.Frequency.ToString().ToLowerInvariant()} period, but the indicator is {frequency.ToString().ToLowerInvariant()}: write {Example(frequency)}.";
            period = null;
            return false;
        }
        return true;
    }

    public static string Example(IndicatorFrequency frequency) => frequency switch
    {
        IndicatorFrequency.Monthly => "a month as YYYYMM (202401)",
        IndicatorFrequency.Quarterly => "a quarter as YYYYQn (2024Q1)",
        _ => "a year as YYYY (2024)",
    };

    /// <summary>The periods of <paramref name="frequency"/> that overlap <paramref name="from"/>…<paramref name="until"/> (exclusive).</summary>
    public static IEnumerable<Period> Between(DateOnly from, DateOnly until, IndicatorFrequency frequency)
    {
        for (var period = Of(from, frequency); period.Start < until; period = period.Next)
            yield return period;
    }
}
