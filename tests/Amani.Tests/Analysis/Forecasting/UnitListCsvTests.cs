using Amani.Analysis.Forecasting.Series;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

/// <summary>The countries list: plain files read without the general CSV reader give what it gives; problems are worded by it.</summary>
public sealed class UnitListCsvTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("amani-units-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_directory.FullName, $"units-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task The_africa_list_reads_its_54_ids_in_file_order()
    {
        var ids = await UnitListCsv.LoadAsync(ForecastData.AfricaFile, CancellationToken.None);

        Assert.True(ids.Succeeded, ids.Error);
        Assert.Equal(54, ids.Value!.Count);
        Assert.Equal(["40", "41", "42"], ids.Value.Take(3));
    }

    [Theory]
    [InlineData("name,Country_ID\r\n\"Congo, DRC\",167\r\n\"Cabo \"\"Verde\"\"\", 40 \r\n", new[] { "167", "40" })]
    [InlineData("country_id\n057\n", new[] { "57" })]
    [InlineData("country_id,name\n1,\"two\nlines\"\n2,x\n", new[] { "1", "2" })] // not plain: the general reader
    public async Task Plain_and_other_files_give_the_ids(string text, string[] expected)
    {
        var ids = await UnitListCsv.LoadAsync(Write(text), CancellationToken.None);

        Assert.True(ids.Succeeded, ids.Error);
        Assert.Equal(expected, ids.Value);
    }

    [Theory]
    [InlineData("country_id\n57\n57\n", "line 3: country_id 57 is listed twice")]
    [InlineData("country_id\n57\n-3\n", "line 3: country_id '-3' is not a positive whole number")]
    [InlineData("country_id,name\n57\n", "line 2: The row has 1 fields where the header has 2")]
    [InlineData("id\n57\n", "has no column country_id")]
    [InlineData("country_id\n", "lists no countries")]
    public async Task Problems_are_worded_with_their_line(string text, string expected)
    {
        var ids = await UnitListCsv.LoadAsync(Write(text), CancellationToken.None);

        Assert.False(ids.Succeeded);
        Assert.Contains(expected, ids.Error);
    }
}
