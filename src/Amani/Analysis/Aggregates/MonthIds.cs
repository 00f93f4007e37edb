using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Amani.Analysis.Aggregates;

/// <summary>
/// Months as ViEWS numbers them: <c>month_id = (year − 1980)·12 + month</c>, so January 1980 is 1 (the same ids as the
/// country-month reference data). An incident belongs to the month (UTC) in which it began (<c>OccurredFrom</c>).
/// </summary>
public static class MonthIds
{
    public static int Of(DateTime time) => (time.Year - 1980) * 12 + time.Month;

    public static int Of(int year, int month) => (year - 1980) * 12 + month;

    public static (int Year, int Month) YearMonth(int monthId)
    {
        var zeroBased = monthId - 1;
        var year = 1980 + (int)Math.Floor(zeroBased / 12.0);
        return (year, zeroBased - (year - 1980) * 12 + 1);
    }

    /// <summary>The first instant (UTC) of the month.</summary>
    public static DateTime Start(int monthId)
    {
        var (year, month) = YearMonth(monthId);
        return new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
    }

    /// <summary>"2016-01".</summary>
    public static string Format(int monthId)
    {
        var (year, month) = YearMonth(monthId);
        return $"{year:0000}-{month:00}";
    }

    /// <summary>Reads "YYYY-MM" (years 1900–2999).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out int? monthId)
    {
        monthId = null;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year is < 1900 or > 2999 || month is < 1 or > 12)
            return false;
        monthId = Of(year, month);
        return true;
    }
}
