using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Amani.Exports;

/// <summary>
/// Incidents as CSV (RFC 4180: comma, CRLF, fields quoted when they hold a comma, quote or line break; UTF-8) — with,
/// for HXL, the hashtag row right under the header. Every row has exactly the header's columns. Text cells are
/// neutralised against formula injection (<see cref="ExportColumns.Neutralise"/>), numbers never are.
/// <para>
/// Rows are written into a small buffer that is copied to the output asynchronously whenever it passes
/// <see cref="ChunkBytes"/>, so memory stays flat however many rows there are, and the response never blocks a thread.
/// </para>
/// </summary>
public static class CsvExport
{
    public const int ChunkBytes = 64 * 1024;

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
        InjectionOptions = InjectionOptions.None, // done per column: CsvHelper would also quote-prefix negative numbers
    };

    public static async Task<long> WriteAsync(IAsyncEnumerable<ExportRow> rows, Stream output, bool hxl, bool byteOrderMark,
        CancellationToken cancellationToken)
    {
        var columns = ExportColumns.All;
        using var buffer = new MemoryStream(ChunkBytes * 2);
        await using var text = new StreamWriter(buffer, new UTF8Encoding(byteOrderMark), ChunkBytes, leaveOpen: true);
        await using var csv = new CsvWriter(text, Configuration, leaveOpen: true);
        foreach (var column in columns)
            csv.WriteField(column.Name);
        await csv.NextRecordAsync();
        if (hxl)
        {
            foreach (var column in columns)
                csv.WriteField(column.Hashtag);
            await csv.NextRecordAsync();
        }
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var column in columns)
                csv.WriteField(column.Number is { } number
                    ? number(row) is { } value ? ExportColumns.Number(value) : null
                    : ExportColumns.Neutralise(column.Text!(row)));
            csv.NextRecord();
            count++;
            if ((count & 63) == 0)
            {
                csv.Flush();
                if (buffer.Length >= ChunkBytes)
                    await CopyAsync(buffer, output, cancellationToken);
            }
        }
        await csv.FlushAsync();
        await CopyAsync(buffer, output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>Moves what the buffer holds to the output and empties it.</summary>
    internal static async Task CopyAsync(MemoryStream buffer, Stream output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        buffer.SetLength(0);
    }
}
