using System.Globalization;

namespace Amani.Platform.Data;

/// <summary>
/// Times as EF Core stores them in SQLite: text, "yyyy-MM-dd HH:mm:ss" with an optional fraction of up to seven digits
/// ("yyyy-MM-dd HH:mm:ss.FFFFFFF"). For code that reads SQLite rows itself (the exports) without Microsoft.Data.Sqlite's
/// general date parser, which costs several times as much per value.
/// </summary>
public static class SqliteTime
{
    /// <summary>
    /// The time <paramref name="text"/> holds, as UTC (the model's convention); text in any other form is parsed as
    /// Microsoft.Data.Sqlite would (<see cref="DateTime.Parse(string, IFormatProvider)"/>, invariant culture).
    /// </summary>
    public static DateTime ParseUtc(string text) =>
        DateTime.SpecifyKind(TryParseStored(text, out var value) ? value : DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static bool TryParseStored(ReadOnlySpan<char> s, out DateTime value)
    {
        value = default;
        if (s.Length < 19 || s.Length == 20 || s.Length > 27 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':'
            || (s.Length > 19 && s[19] != '.'))
            return false;
        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second)
            || !Digits(s.Length > 19 ? s[20..] : [], out var fraction))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        for (var digits = s.Length > 19 ? s.Length - 20 : 7; digits < 7; digits++)
            fraction *= 10;
        value = new DateTime(year, month, day, hour, minute, second).AddTicks(fraction);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
