using System.Globalization;

namespace Amani.Register.Imports;

/// <summary>
/// ACLED's <c>event_date</c> in every format its exports have used: "10 February 2023", "31-Dec-21", "9-May-20" and
/// ISO 8601 ("2023-02-10", with or without a time and offset). Two-digit years are read as 1950–2049 whatever the
/// machine's settings (ACLED's data start in 1997).
/// </summary>
public static class AcledDates
{
    private static readonly string[] Formats =
    [
        "d MMMM yyyy", "d MMM yyyy", "d-MMM-yy", "d-MMM-yyyy", "d-MMMM-yyyy", "d MMMM, yyyy",
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    private static readonly CultureInfo Culture = CreateCulture();

    public static bool TryParse(string text, out DateTime date)
    {
        if (DateTime.TryParseExact(text.Trim(), Formats, Culture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date))
        {
            date = DateTime.SpecifyKind(date, DateTimeKind.Utc);
            return true;
        }
        return false;
    }

    private static CultureInfo CreateCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.DateTimeFormat.Calendar.TwoDigitYearMax = 2049;
        return CultureInfo.ReadOnly(culture);
    }
}
