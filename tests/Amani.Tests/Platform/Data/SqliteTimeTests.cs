using Amani.Platform.Data;
using Xunit;

namespace Amani.Tests.Platform.Data;

/// <summary>The exports' reader of SQLite times agrees with Microsoft.Data.Sqlite's general parser (plus EF's UTC convention).</summary>
public sealed class SqliteTimeTests
{
    [Theory]
    [InlineData("2026-11-21 10:30:05", 2026, 11, 21, 10, 30, 5, 0)]
    [InlineData("2026-11-21 10:30:05.5", 2026, 11, 21, 10, 30, 5, 5_000_000)]
    [InlineData("2000-02-29 23:59:59.1234567", 2000, 2, 29, 23, 59, 59, 1_234_567)]
    [InlineData("0001-01-01 00:00:00.0000001", 1, 1, 1, 0, 0, 0, 1)]
    public void EF_Cores_stored_form_is_read_exactly_as_UTC(string text, int year, int month, int day, int hour, int minute, int second, long ticks)
    {
        var parsed = SqliteTime.ParseUtc(text);
        Assert.Equal(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks), parsed);
        Assert.Equal(DateTimeKind.Utc, parsed.Kind);
        Assert.Equal(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), parsed); // what Microsoft.Data.Sqlite reads
    }

    [Theory]
    [InlineData("2026-11-21T10:30:05")]
    [InlineData("2026-11-21 10:30")]
    [InlineData("11/21/2026 10:30:05")]
    [InlineData("2026-11-21 10:30:05.")]
    public void Other_forms_fall_back_to_the_general_parser(string text) =>
        Assert.Equal(DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), SqliteTime.ParseUtc(text));

    [Theory]
    [InlineData("2026-02-30 10:30:05")]
    [InlineData("2026-13-01 10:30:05")]
    [InlineData("not a time at all")]
    public void Impossible_times_are_refused_as_the_general_parser_refuses_them(string text) =>
        Assert.Throws<FormatException>(() => SqliteTime.ParseUtc(text));
}
