using System.Text;

namespace Amani.Analysis.Forecasting.Series;

/// <summary>
/// A CSV file in the plain form most data files have, read at once without the general CSV reader: ASCII (optionally
/// after a UTF-8 byte-order mark), one record a line (LF or CRLF), no blank line, and fields either without quotes or
/// wholly quoted on one line ("" for a quote, as RFC 4180 has it). For such a file the general reader
/// (<see cref="Amani.Register.Imports.ImportFile"/>) sees the same header and fields. <see cref="TryReadAsync"/> returns null for
/// any other file, and <see cref="TryRow"/> false for a row in another form: the caller then leaves the file to the
/// general reader, which also words every problem.
/// </summary>
internal sealed class PlainCsv
{
    private readonly string _text;
    private readonly List<(int Start, int End)> _lines;

    private PlainCsv(string text, List<(int Start, int End)> lines, IReadOnlyList<string> header) => (_text, _lines, Header) = (text, lines, header);

    /// <summary>The header's fields, trimmed (as the general reader gives them).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Records after the header.</summary>
    public int RowCount => _lines.Count - 1;

    public readonly record struct Field(int Start, int End, bool Quoted);

    public static async Task<PlainCsv?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var body = bytes.AsSpan();
        if (body.StartsWith("\uFEFF"u8))
            body = body[3..];
        if (!Ascii.IsValid(body))
            return null;
        var text = Encoding.ASCII.GetString(body);
        var fields = new List<Field>();
        if (Lines(text) is not { Count: > 0 } lines || !TryFields(text, lines[0], fields))
            return null;
        return new PlainCsv(text, lines, fields.Select(f => Text(text, f).Trim()).ToList());
    }

    /// <summary>The fields of record <paramref name="row"/> (0 = the first after the header); false when it is not plain or has not as many fields as the header.</summary>
    public bool TryRow(int row, List<Field> fields) => TryFields(_text, _lines[row + 1], fields) && fields.Count == Header.Count;

    /// <summary>A field's text as written (a quoted field without its quotes, "" read as ").</summary>
    public string TextOf(Field field) => Text(_text, field);

    private static string Text(string text, Field field) =>
        field.Quoted ? text[field.Start..field.End].Replace("\"\"", "\"", StringComparison.Ordinal) : text[field.Start..field.End];

    /// <summary>Each line's [start, end) without its LF or CRLF (a final line break ends the last line); null for a blank line or a lone CR.</summary>
    private static List<(int Start, int End)>? Lines(string text)
    {
        var lines = new List<(int Start, int End)>();
        var start = 0;
        while (start < text.Length)
        {
            var next = text.IndexOf('\n', start);
            var end = next < 0 ? text.Length : next;
            var content = end > start && text[end - 1] == '\r' ? end - 1 : end;
            if (content == start || text.AsSpan(start, content - start).Contains('\r'))
                return null;
            lines.Add((start, content));
            start = end + 1;
        }
        return lines;
    }

    /// <summary>The line's fields; false when a quote is anywhere but around a whole field (or the quoted field goes on past the line).</summary>
    private static bool TryFields(string text, (int Start, int End) line, List<Field> fields)
    {
        fields.Clear();
        var (position, end) = line;
        while (true)
        {
            if (position < end && text[position] == '"')
            {
                var close = position + 1;
                while (true)
                {
                    close = text.IndexOf('"', close, end - close);
                    if (close < 0)
                        return false;
                    if (close + 1 < end && text[close + 1] == '"')
                        close += 2;
                    else
                        break;
                }
                fields.Add(new Field(position + 1, close, Quoted: true));
                if (close + 1 == end)
                    return true;
                if (text[close + 1] != ',')
                    return false;
                position = close + 2;
            }
            else
            {
                var comma = text.IndexOf(',', position, end - position);
                var fieldEnd = comma < 0 ? end : comma;
                if (text.AsSpan(position, fieldEnd - position).Contains('"'))
                    return false;
                fields.Add(new Field(position, fieldEnd, Quoted: false));
                if (comma < 0)
                    return true;
                position = comma + 1;
            }
        }
    }
}
