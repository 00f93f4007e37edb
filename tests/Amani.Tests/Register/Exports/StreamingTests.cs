using Amani.Register.Exports;
using Amani.Register.Incidents;
using Xunit;

namespace Amani.Tests.Register.Exports;

/// <summary>
/// The writers hand rows to the output while they are still being read (never the whole set at once): by the time the
/// 20,000th row is produced, most of the earlier ones must already have reached the output stream.
/// </summary>
public sealed class StreamingTests
{
    private static async IAsyncEnumerable<ExportRow> RowsAsync(int count, Stream output, List<long> seenAt)
    {
        for (var n = 0; n < count; n++)
        {
            if (n % 5_000 == 0)
                seenAt.Add(output.Length);
            await Task.Yield();
            yield return new ExportRow(Guid.NewGuid(), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), null, DatePrecision.Day, null, "riots",
                "Actor, one", null, n, null, null, null, null, null, null, null, null, null, null, "Place", 4.5, -12.5, LocationPrecision.Exact, null,
                IncidentStatus.Verified, IncidentSource.Media, Confidence.Probable, Confidentiality.Public, $"Row {n}, with \"quotes\"");
        }
    }

    [Theory]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.Hxl)]
    [InlineData(ExportFormat.GeoJson)]
    public async Task Rows_reach_the_output_while_later_rows_are_still_being_read(ExportFormat format)
    {
        using var output = new MemoryStream();
        var seenAt = new List<long>();

        var written = await format.WriteAsync(RowsAsync(20_001, output, seenAt), output, byteOrderMark: false, CancellationToken.None);

        Assert.Equal(20_001, written);
        var perRow = (double)output.Length / 20_001;
        Assert.True(seenAt[^1] > perRow * 15_000 - 2 * CsvExport.ChunkBytes,
            $"Only {seenAt[^1]} of {output.Length} bytes were written when the 20,000th row was read.");
    }
}
