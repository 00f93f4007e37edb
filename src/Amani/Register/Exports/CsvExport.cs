namespace Amani.Register.Exports;

/// <summary>
/// Incidents as CSV (RFC 4180: comma, CRLF, fields quoted when they hold a comma, quote or line break; UTF-8) — with,
/// for HXL, the hashtag row right under the header. Every row has exactly the header's columns. Text cells are
/// neutralised against formula injection (<see cref="Utf8CsvWriter.Text"/>), numbers never are.
/// <para>
/// Rows are encoded straight into a pooled buffer (<see cref="Utf8CsvWriter"/>) that is written to the output
/// asynchronously whenever it passes <see cref="ChunkBytes"/>, so memory stays flat however many rows there are, and
/// the response never blocks a thread.
/// </para>
/// </summary>
public static class CsvExport
{
    public const int ChunkBytes = 64 * 1024;

    public static async Task<long> WriteAsync(IAsyncEnumerable<ExportRow> rows, Stream output, bool hxl, bool byteOrderMark,
        CancellationToken cancellationToken)
    {
        var columns = ExportColumns.All;
        using var csv = new Utf8CsvWriter(2 * ChunkBytes);
        if (byteOrderMark)
            csv.ByteOrderMark();
        foreach (var column in columns)
            csv.Name(column.Name);
        csv.EndRecord();
        if (hxl)
        {
            foreach (var column in columns)
                csv.Name(column.Hashtag);
            csv.EndRecord();
        }
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var c = 0; c < columns.Count; c++)
                columns[c].WriteCsv(row, csv);
            csv.EndRecord();
            count++;
            if (csv.Length >= ChunkBytes)
                await csv.FlushAsync(output, cancellationToken);
        }
        await csv.FlushAsync(output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return count;
    }
}
