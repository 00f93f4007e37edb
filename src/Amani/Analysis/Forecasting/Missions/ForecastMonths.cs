using System.Globalization;
using System.Text.RegularExpressions;

namespace Amani.Analysis.Forecasting.Missions;

/// <summary>Months as the API writes them (<c>YYYY-MM</c>) and as they are stored (ViEWS month ids, 1 = January 1980).</summary>
public static partial class ForecastMonths
{
    public static string Format(int monthId)
    {
        var (year, month) = CountryMonth.YearMonthOf(monthId);
        return string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}");
    }

    /// <summary>Parses <c>YYYY-MM</c> (1980-01 to 2199-12).</summary>
    public static bool TryParse(string? text, out int monthId)
    {
        monthId = 0;
        if (text is null || Pattern().Match(text.Trim()) is not { Success: true } match)
            return false;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        if (year is < 1980 or > 2199 || month is < 1 or > 12)
            return false;
        monthId = CountryMonth.MonthIdOf(year, month);
        return true;
    }

    [GeneratedRegex(@"^(?<year>\d{4})-(?<month>\d{2})$")]
    private static partial Regex Pattern();
}
