using System.Text;
using Amani.Data;

namespace Amani.Forecasting.Series;

/// <summary>
/// The common case of <see cref="CountryMonthCsv"/> read without the general CSV reader (which, record by record and
/// asynchronously, costs more than the forecast it feeds): an ASCII file, optionally with a UTF-8 byte-order mark, one
/// record a line (LF or CRLF), no blank line, fields either plain (no quote) or wholly quoted on one line ("" for a
/// quote, as RFC 4180 has it), the header with the required columns, every record as many fields as the header and
/// accepted by the same <see cref="CountryMonthRow"/>, no repeated key. For such a file the general reader sees the same
/// fields, so the result is the same. Anything else returns null, and the general reader reads the file and words the
/// problem, as before.
/// </summary>
internal static class PlainCountryMonthCsv
{
    public static async Task<Result<SeriesPanel>?> TryReadAsync(string path, int lastMonthId, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var body = bytes.AsSpan();
        if (body.StartsWith("\uFEFF"u8))
            body = body[3..];
        if (!Ascii.IsValid(body))
            return null;
        return Read(Encoding.ASCII.GetString(body), path, lastMonthId, cancellationToken);
    }

    private readonly record struct Field(int Start, int End, bool Quoted)
    {
        public string In(string text) => Quoted ? text[Start..End].Replace("\"\"", "\"", StringComparison.Ordinal) : text[Start..End];
    }

    internal static Result<SeriesPanel>? Read(string text, string path, int lastMonthId, CancellationToken cancellationToken)
    {
        var lines = Lines(text);
        var fields = new List<Field>();
        if (lines is null || lines.Count < 2 || !TryFields(text, lines[0], fields))
            return null;
        var header = fields.Select(f => f.In(text).Trim()).ToList();
        var rows = new CountryMonthRow(header, lastMonthId);
        if (rows.MissingColumns().Count > 0)
            return null;
        var countries = new CountryMonths();
        string? FieldAt(int index) => index < fields.Count ? fields[index].In(text) : null;
        for (var l = 1; l < lines.Count; l++)
        {
            if (l % 4_096 == 0)
                cancellationToken.ThrowIfCancellationRequested();
            if (!TryFields(text, lines[l], fields) || fields.Count != header.Count || rows.Map(FieldAt) is not ({ } value, _) || !countries.TryAdd(value))
                return null;
        }
        return countries.ToPanel(path);
    }

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
