using Amani.Platform.Data;
using Amani.Analysis.Forecasting.Series;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

/// <summary>
/// The plain-file reader behind <see cref="CountryMonthCsv.LoadAsync"/> must read exactly what the general CSV reader
/// reads, and leave every other file (and every problem) to it.
/// </summary>
public sealed class PlainCountryMonthCsvTests : IDisposable
{
    private const int LastMonthId = 600;
    private const string Header = "month_id,year,month,country_id,country_name,isoab,ged_best_sb,ged_best_ns,ged_best_os,ged_count_sb,ged_count_ns,ged_count_os";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("amani-plain-csv-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string Write(string name, string text, bool bom = false)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllBytes(path, [.. (bom ? "\uFEFF"u8.ToArray() : []), .. System.Text.Encoding.UTF8.GetBytes(text)]);
        return path;
    }

    private static readonly string[] Rows =
    [
        "108,1988,12,167,\"Congo, DRC\",COD,0.0,0.0,28.0,0.0,0.0,3.0",
        "109,1989,1,167,\"Congo, DRC\",COD,5.0,0.0,0.0,1.0,0.0,0.0",
        "108,1988,12,40,\"Cape \"\"Verde\"\"\",CPV,0,0,0,0,0,0",
        "109,1989,1,40,\"Cape \"\"Verde\"\"\",CPV,0,1,0,0,1,0",
        "110,1989,2,40,Cape Verde,CPV,2,0,0,1,0,0",
        "110,1989,2,167,,,3,4,5,,,",
    ];

    [Fact]
    public async Task The_real_file_is_read_by_the_plain_reader_into_the_general_readers_panel()
    {
        var plain = await PlainCountryMonthCsv.TryReadAsync(ForecastData.RealFile, LastMonthId, CancellationToken.None);
        var general = await CountryMonthCsv.ReadAsync(ForecastData.RealFile, LastMonthId, CancellationToken.None);

        Assert.NotNull(plain);
        AssertSamePanels(general, plain);
        Assert.Equal("Congo, DRC", plain.Value!.Find("167")!.Name);
    }

    [Theory]
    [InlineData("lf", "\n", false, true)]
    [InlineData("crlf, bom", "\r\n", true, false)]
    public async Task Line_ends_a_byte_order_mark_and_doubled_quotes_read_the_same(string name, string newline, bool bom, bool finalNewline)
    {
        var path = Write($"{name}.csv", string.Join(newline, [Header, .. Rows]) + (finalNewline ? newline : ""), bom);

        var plain = await PlainCountryMonthCsv.TryReadAsync(path, LastMonthId, CancellationToken.None);
        var general = await CountryMonthCsv.ReadAsync(path, LastMonthId, CancellationToken.None);

        Assert.NotNull(plain);
        AssertSamePanels(general, plain);
        Assert.Equal("Cape \"Verde\"", plain.Value!.Find("40")!.Name); // the first row's name
        Assert.Equal(new MonthlyConflict(3, 4, 5, 0, 0, 0), plain.Value.Find("167")!.Through(110)[^1]);
    }

    public static TheoryData<string, string> LeftToTheGeneralReader => new()
    {
        { "a quote inside a plain field", Header + "\n" + Rows[0] + "\n108,1988,12,41,Ha\"iti,HTI,0,0,0,0,0,0\n" },
        { "a quoted field over two lines", Header + "\n" + Rows[0] + "\n108,1988,12,41,\"Hai\nti\",HTI,0,0,0,0,0,0\n" },
        { "a blank line", Header + "\n" + Rows[0] + "\n\n" + Rows[1] + "\n" },
        { "a lone carriage return", Header + "\n" + Rows[0] + "\r" + Rows[1] + "\n" },
        { "text after a closing quote", Header + "\n108,1988,12,41,\"Hai\"ti,HTI,0,0,0,0,0,0\n" },
        { "a short row", Header + "\n" + Rows[0] + "\n109,1989,1,167\n" },
        { "a negative count", Header + "\n" + Rows[0] + "\n109,1989,1,167,x,COD,-1,0,0,0,0,0\n" },
        { "a month twice", Header + "\n" + Rows[0] + "\n" + Rows[0] + "\n" },
        { "a name that is not ASCII", Header + "\n108,1988,12,41,Côte d'Ivoire,CIV,0,0,0,0,0,0\n" },
        { "a header without rows", Header + "\n" },
        { "a missing column", "month_id,country_id,ged_best_sb\n108,41,0\n" },
        { "nothing", "" },
    };

    [Theory]
    [MemberData(nameof(LeftToTheGeneralReader))]
    public async Task Other_files_are_left_to_the_general_reader_which_words_the_problem(string name, string text)
    {
        var path = Write("other.csv", text);

        Assert.Null(await PlainCountryMonthCsv.TryReadAsync(path, LastMonthId, CancellationToken.None));
        var loaded = await CountryMonthCsv.LoadAsync(path, December2029, CancellationToken.None);
        var general = await CountryMonthCsv.ReadAsync(path, LastMonthId, CancellationToken.None);
        if (general.Succeeded)
            AssertSamePanels(general, loaded);
        else
            Assert.Equal(general.Error, loaded.Error);
        Assert.True(loaded.Succeeded || loaded.Error!.Contains(Path.GetFileName(path)), $"{name}: {loaded.Error}");
    }

    [Fact]
    public async Task A_gap_in_a_plain_file_is_refused_with_the_general_readers_message()
    {
        var path = Write("gap.csv", string.Join("\n", Header, Rows[0], "111,1989,3,167,x,COD,0,0,0,0,0,0"));

        var plain = await PlainCountryMonthCsv.TryReadAsync(path, LastMonthId, CancellationToken.None);
        var general = await CountryMonthCsv.ReadAsync(path, LastMonthId, CancellationToken.None);

        Assert.NotNull(plain);
        Assert.Contains("has months 108–111 but not 109", plain.Error);
        Assert.Equal(general.Error, plain.Error);
    }

    /// <summary>December 2029, month id 600: the clock under which <see cref="CountryMonthCsv.LoadAsync"/> accepts the months <see cref="LastMonthId"/> allows.</summary>
    private static readonly FakeTimeProvider December2029 = new(new DateTimeOffset(2029, 12, 15, 0, 0, 0, TimeSpan.Zero));

    private static void AssertSamePanels(Result<SeriesPanel> expected, Result<SeriesPanel>? actual)
    {
        Assert.True(expected.Succeeded, expected.Error);
        Assert.NotNull(actual);
        Assert.True(actual.Succeeded, actual.Error);
        var (e, a) = (expected.Value!, actual.Value!);
        Assert.Equal(e.Units.Select(u => (u.UnitId, u.Name, u.FirstMonth, u.LastMonth)), a.Units.Select(u => (u.UnitId, u.Name, u.FirstMonth, u.LastMonth)));
        foreach (var unit in e.Units)
            Assert.Equal(unit.Through(unit.LastMonth).ToArray(), a.Find(unit.UnitId)!.Through(unit.LastMonth).ToArray());
    }
}
