using System.Text;
using Amani.Register.Exports;
using Xunit;

namespace Amani.Tests.Register.Exports;

/// <summary>
/// The CSV cell writer behind every CSV export: RFC 4180 quoting, formula neutralisation of text (never of numbers),
/// UTF-8, and cells larger than its buffer. Each output is also read back with CsvHelper, as a spreadsheet-like reader.
/// </summary>
public sealed class Utf8CsvWriterTests
{
    private static async Task<string> RecordAsync(Action<Utf8CsvWriter> write, int capacity = 64)
    {
        using var csv = new Utf8CsvWriter(capacity);
        write(csv);
        csv.EndRecord();
        using var output = new MemoryStream();
        await csv.FlushAsync(output, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("line one\nline two", "\"line one\nline two\"")] // a lone line feed is quoted too (CsvHelper with CRLF did not)
    [InlineData("carriage\rreturn", "\"carriage\rreturn\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("padded ", "\"padded \"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-Militia, \"the\" one", "\"'-Militia, \"\"the\"\" one\"")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    [InlineData("\tindented", "'\tindented")]
    [InlineData("\rtext", "\"'\rtext\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("Bangui – Mbaïki 😀", "Bangui – Mbaïki 😀")]
    public async Task Text_cells_are_quoted_where_RFC_4180_needs_it_and_neutralised_against_formulas(string text, string expected)
    {
        Assert.Equal(expected + "\r\n", await RecordAsync(csv => csv.Text(text)));
        var read = ExportWorld.ParseCsv(await RecordAsync(csv => { csv.Text(text); csv.Text("next"); }));
        Assert.Equal([ExpectedCell(text), "next"], Assert.Single(read));
    }

    [Fact]
    public async Task Null_and_empty_text_are_empty_cells_and_every_record_has_its_separators()
    {
        Assert.Equal(",,x,\r\n", await RecordAsync(csv => { csv.Text(null); csv.Text(""); csv.Text("x"); csv.Number((int?)null); }));
    }

    [Fact]
    public async Task Numbers_times_ids_and_plain_names_are_written_as_they_are_never_neutralised()
    {
        var id = Guid.Parse("0198a8c1-5e2b-7c3d-9a4b-1c2d3e4f5a6b");
        var line = await RecordAsync(csv =>
        {
            csv.Number(-12.5);
            csv.Number(4.5512);
            csv.Number(0.1 + 0.2);
            csv.Number(-3);
            csv.Number(int.MaxValue);
            csv.Number((double?)null);
            csv.Time(new DateTime(2026, 11, 21, 10, 30, 5, 999, DateTimeKind.Utc));
            csv.Time(null);
            csv.Id(id);
            csv.Plain("verified"u8);
        });
        Assert.Equal("-12.5,4.5512,0.30000000000000004,-3,2147483647,,2026-11-21T10:30:05Z,,0198a8c1-5e2b-7c3d-9a4b-1c2d3e4f5a6b,verified\r\n", line);
    }

    [Fact]
    public async Task A_cell_larger_than_the_buffer_grows_it_and_arrives_whole()
    {
        var huge = string.Concat(Enumerable.Repeat("é \"quoted\", ", 20_000)); // 240,000 characters, about 280 KB as UTF-8
        var read = ExportWorld.ParseCsv(await RecordAsync(csv => { csv.Text("before"); csv.Text(huge); csv.Text("after"); }, capacity: 16));
        Assert.Equal(["before", huge, "after"], Assert.Single(read));
    }

    [Fact]
    public async Task Random_text_from_an_alphabet_of_troublemakers_reads_back_as_written_once_neutralised()
    {
        string[] alphabet = ["a", "b", " ", ",", "\"", "\r", "\n", "=", "+", "-", "@", "\t", "'", "é", "😀", ";"];
        var random = new Random(7);
        var cells = Enumerable.Range(0, 2_000)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]))).ToList();
        var body = new StringBuilder();
        foreach (var chunk in cells.Chunk(10))
            body.Append(await RecordAsync(csv => { foreach (var cell in chunk) csv.Text(cell); }));
        var read = ExportWorld.ParseCsv(body.ToString());
        Assert.Equal(cells.Chunk(10).Select(chunk => chunk.Select(ExpectedCell).ToArray()), read);
    }

    [Fact]
    public async Task Flushing_writes_what_was_buffered_and_empties_the_buffer()
    {
        using var csv = new Utf8CsvWriter(16);
        using var output = new MemoryStream();
        csv.ByteOrderMark();
        csv.Name("id");
        csv.EndRecord();
        await csv.FlushAsync(output, CancellationToken.None);
        Assert.Equal(0, csv.Length);
        csv.Text("x");
        csv.EndRecord();
        await csv.FlushAsync(output, CancellationToken.None);
        Assert.Equal([0xEF, 0xBB, 0xBF, .. "id\r\nx\r\n"u8.ToArray()], output.ToArray());
    }

    /// <summary>What a reader gets back for a text cell: the text with a leading quote when a spreadsheet would run it.</summary>
    private static string ExpectedCell(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
