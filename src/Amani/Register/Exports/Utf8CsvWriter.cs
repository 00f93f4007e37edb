using System.Buffers;
using System.Globalization;
using System.Text;

namespace Amani.Register.Exports;

/// <summary>
/// Writes CSV records (RFC 4180: comma-separated, CRLF after each record) as UTF-8 straight into a pooled buffer, cell by
/// cell, with no string per cell; the caller drains the buffer to its output with <see cref="FlushAsync"/> whenever
/// <see cref="Length"/> has grown enough. A text cell is quoted when it holds a comma, a quote (doubled), a carriage
/// return or a line feed, or starts or ends with a space; numbers, times and ids never need quotes.
/// <para>
/// Written for the exports, where CsvHelper's string per cell made CSV writing the largest cost after the database.
/// </para>
/// </summary>
public sealed class Utf8CsvWriter : IDisposable
{
    private static readonly SearchValues<char> Special = SearchValues.Create(",\"\r\n");
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private byte[] _buffer;
    private int _length;
    private bool _inRecord;

    public Utf8CsvWriter(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    /// <summary>Bytes written since the last <see cref="FlushAsync"/>.</summary>
    public int Length => _length;

    /// <summary>The UTF-8 byte order mark (for Excel); only before the first record.</summary>
    public void ByteOrderMark() => Append([0xEF, 0xBB, 0xBF]);

    /// <summary>
    /// A text cell, neutralised against formula injection: text a spreadsheet would run as a formula (starting with =,
    /// +, -, @, tab or carriage return) gets a leading single quote, OWASP's advice for CSV injection. Null and empty
    /// text are an empty cell.
    /// </summary>
    public void Text(string? text)
    {
        Separate();
        if (string.IsNullOrEmpty(text))
            return;
        WriteText(text, neutralise: text[0] is '=' or '+' or '-' or '@' or '\t' or '\r');
    }

    /// <summary>A text cell written as it is (quoted where needed, never neutralised): header and hashtag names.</summary>
    public void Name(string name)
    {
        Separate();
        if (name.Length > 0)
            WriteText(name, neutralise: false);
    }

    /// <summary>A cell of bytes that need neither quoting nor neutralising (enum names).</summary>
    public void Plain(ReadOnlySpan<byte> utf8)
    {
        Separate();
        Append(utf8);
    }

    public void Number(int? value)
    {
        Separate();
        if (value is { } v)
        {
            v.TryFormat(Reserve(11), out var written, default, CultureInfo.InvariantCulture);
            _length += written;
        }
    }

    /// <summary>The shortest text that reads back to the same value ("R"), invariant culture: 12, -12.5, 4.5512.</summary>
    public void Number(double? value)
    {
        Separate();
        if (value is { } v)
        {
            v.TryFormat(Reserve(32), out var written, "R", CultureInfo.InvariantCulture);
            _length += written;
        }
    }

    /// <summary>UTC, ISO 8601, to the second: 2026-11-21T10:30:00Z (<see cref="ExportColumns.FormatTime"/>).</summary>
    public void Time(DateTime? utc)
    {
        Separate();
        if (utc is { } t)
            _length += ExportColumns.FormatTime(t, Reserve(ExportColumns.TimeLength));
    }

    /// <summary>A Guid as 32 lower-case hex digits with hyphens ("D").</summary>
    public void Id(Guid id)
    {
        Separate();
        id.TryFormat(Reserve(36), out var written);
        _length += written;
    }

    /// <summary>Ends the record (CRLF).</summary>
    public void EndRecord()
    {
        Append("\r\n"u8);
        _inRecord = false;
    }

    /// <summary>Writes what the buffer holds to <paramref name="output"/> and empties it.</summary>
    public async ValueTask FlushAsync(Stream output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Separate()
    {
        if (_inRecord)
            Append(","u8);
        _inRecord = true;
    }

    private void WriteText(string text, bool neutralise)
    {
        var span = text.AsSpan();
        var quote = span.ContainsAny(Special) || text[0] == ' ' || text[^1] == ' ';
        if (quote)
            Append("\""u8);
        if (neutralise)
            Append("'"u8);
        if (quote)
        {
            for (var at = span.IndexOf('"'); at >= 0; at = span.IndexOf('"'))
            {
                Encode(span[..(at + 1)]);
                Append("\""u8); // the quote doubled
                span = span[(at + 1)..];
            }
        }
        Encode(span);
        if (quote)
            Append("\""u8);
    }

    private void Encode(ReadOnlySpan<char> text) => _length += Utf8.GetBytes(text, Reserve(Utf8.GetMaxByteCount(text.Length)));

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Room for at least <paramref name="bytes"/> more bytes after <see cref="_length"/> (the buffer grows for a huge cell).</summary>
    private Span<byte> Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        return _buffer.AsSpan(_length);
    }
}
