using System.Globalization;
using System.Text;
using CsvHelper;

namespace Amani.Register.Imports;

/// <summary>
/// The rejects CSV: <c>line,external_id,reason</c>, one row per rejected input row. Always written (with only its
/// header when nothing was rejected), so that a rejects file never describes an earlier run.
/// </summary>
public sealed class RejectsFile : IAsyncDisposable
{
    private readonly CsvWriter _csv;

    private RejectsFile(string path)
    {
        Path = path;
        _csv = new CsvWriter(new StreamWriter(path, append: false, new UTF8Encoding(false)), CultureInfo.InvariantCulture);
        _csv.WriteField("line");
        _csv.WriteField("external_id");
        _csv.WriteField("reason");
        _csv.NextRecord();
    }

    public string Path { get; }
    public int Count { get; private set; }

    /// <summary>The default place: next to the input, <c>events.csv</c> → <c>events.rejects.csv</c>.</summary>
    public static string DefaultPathFor(string input) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(input))!,
            System.IO.Path.GetFileNameWithoutExtension(input) + ".rejects.csv");

    public static RejectsFile Create(string path) => new(path);

    public void Add(long line, string? externalId, string reason)
    {
        _csv.WriteField(line);
        _csv.WriteField(Neutralise(externalId));
        _csv.WriteField(reason);
        _csv.NextRecord();
        Count++;
    }

    /// <summary>A value from the input that a spreadsheet would run as a formula is prefixed with an apostrophe.</summary>
    private static string? Neutralise(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;

    public async ValueTask DisposeAsync()
    {
        await _csv.FlushAsync();
        await _csv.DisposeAsync();
    }
}
