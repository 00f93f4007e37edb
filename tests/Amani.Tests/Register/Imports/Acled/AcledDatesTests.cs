using Amani.Register.Imports;
using Xunit;

namespace Amani.Tests.Register.Imports.Acled;

public sealed class AcledDatesTests
{
    [Theory]
    [InlineData("10 February 2023", 2023, 2, 10)]
    [InlineData("31-Dec-21", 2021, 12, 31)]
    [InlineData("9-May-20", 2020, 5, 9)]
    [InlineData("15-Mar-98", 1998, 3, 15)]
    [InlineData("2023-02-10", 2023, 2, 10)]
    [InlineData("2023-02-10T00:00:00", 2023, 2, 10)]
    [InlineData("2023-02-10T00:00:00Z", 2023, 2, 10)]
    [InlineData(" 1 January 1997 ", 1997, 1, 1)]
    public void Every_format_of_ACLED_exports_parses_as_a_UTC_day(string text, int year, int month, int day)
    {
        Assert.True(AcledDates.TryParse(text, out var date));
        Assert.Equal(new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc), date);
        Assert.Equal(DateTimeKind.Utc, date.Kind);
    }

    [Theory]
    [InlineData("32 February 2023")]
    [InlineData("10/02/2023")]
    [InlineData("February 2023")]
    [InlineData("")]
    public void Anything_else_does_not(string text) => Assert.False(AcledDates.TryParse(text, out _));
}
