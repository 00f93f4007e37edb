using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using CsvHelper.Configuration;

namespace Amani.Register.Imports;

/// <summary>
/// Opens a CSV for streaming: detects its encoding (UTF-8 with or without BOM; a file with byte sequences that are not
/// UTF-8 is decoded as Latin-1 and said so), reads the header, and yields the records one at a time with the line
/// each starts on. Nothing but the current record is held in memory.
/// </summary>
public sealed class ImportFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly CsvReader _csv;
    private bool _badData;

    private ImportFile(FileStream stream, Encoding encoding)
    {
        _stream = stream;
        Encoding = encoding;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            MissingFieldFound = null, // a short row is rejected by its field count, below
            BadDataFound = _ => _badData = true,
            DetectColumnCountChanges = false,
        };
        _csv = new CsvReader(new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), configuration);
    }

    public Encoding Encoding { get; }
    public IReadOnlyList<string> Header { get; private set; } = [];
    public long Length => _stream.Length;
    /// <summary>How far the reader got (bytes, including what it buffered ahead): good enough for an ETA.</summary>
    public long Position => _stream.Position;

    /// <summary>Opens <paramref name="path"/> and reads its header; an empty file has no header.</summary>
    public static async Task<ImportFile> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var encoding = await IsUtf8Async(path, cancellationToken) ? new UTF8Encoding(false) : Encoding.Latin1;
        // Synchronous reads: a local file's 64 KB block arrives in microseconds, and CsvHelper's synchronous Read costs a
        // fraction of its per-record async state machine (a million records).
        var file = new ImportFile(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false), encoding);
        if (file._csv.Read() && file._csv.ReadHeader())
            file.Header = file._csv.HeaderRecord!.Select(h => h.Trim()).ToList();
        return file;
    }

    /// <summary>One record: the line it starts on, its reader (valid until the next read), and why its shape is broken, if it is.</summary>
    public readonly record struct Record(long Line, IReaderRow Row, string? ShapeProblem);

    /// <summary>The records, read synchronously (see <see cref="OpenAsync"/>).</summary>
    public IAsyncEnumerable<Record> ReadAsync(CancellationToken cancellationToken) => Read(cancellationToken).ToAsyncEnumerable();

    public IEnumerable<Record> Read(CancellationToken cancellationToken)
    {
        var previousEnd = _csv.Parser.RawRow;
        while (_csv.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = previousEnd + 1;
            previousEnd = _csv.Parser.RawRow;
            string? problem = null;
            if (_badData)
                problem = "A quote inside an unquoted field: the row is malformed.";
            else if (_csv.Parser.Count != Header.Count)
                problem = $"The row has {_csv.Parser.Count} fields where the header has {Header.Count} (truncated or misquoted row).";
            _badData = false;
            yield return new Record(line, _csv, problem);
        }
    }

    /// <summary>Streams the file once through a strict UTF-8 validator (a few milliseconds per 10 MB).</summary>
    private static async Task<bool> IsUtf8Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
        var chars = ArrayPool<char>.Shared.Rent(1 << 16);
        try
        {
            var carried = 0;
            while (true)
            {
                var read = await stream.ReadAsync(bytes.AsMemory(carried, (1 << 16) - carried), cancellationToken);
                var final = read == 0;
                var available = carried + read;
                var status = Utf8.ToUtf16(bytes.AsSpan(0, available), chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: final);
                if (status == System.Buffers.OperationStatus.InvalidData)
                    return false;
                if (final)
                    return true;
                carried = available - consumed;
                bytes.AsSpan(consumed, carried).CopyTo(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    public void Dispose()
    {
        _csv.Dispose();
        _stream.Dispose();
    }
}
