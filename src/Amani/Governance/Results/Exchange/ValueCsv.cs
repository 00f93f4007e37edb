using System.Globalization;
using Amani.Register.Exports;
using CsvHelper;
using CsvHelper.Configuration;

namespace Amani.Governance.Results.Exchange;

/// <summary>
/// Indicator values as CSV (RFC 4180, UTF-8, a header line naming the columns in any order and any case):
/// <c>indicator, period, area, disaggregation, value, numerator, denominator, comment, follow_up</c>. <c>indicator</c>
/// and <c>period</c> are required, and <c>value</c> or both <c>numerator</c> and <c>denominator</c>; the others may be
/// left out. The export adds <c>computed, entered_by, entered_at</c> (who entered a value: the display name only),
/// which an import reads past, so that an exported file can be imported again. Any other column is refused by name.
/// Lines are numbered as in the file (the header is line 1).
/// </summary>
public static class ValueCsv
{
    public const string ContentType = "text/csv";

    /// <summary>The columns an import reads, in the order the export writes them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["indicator", "period", "area", "disaggregation", "value", "numerator", "denominator", "comment", "follow_up"];

    /// <summary>The columns only the export writes (an import reads past them).</summary>
    public static IReadOnlyList<string> ExportOnly { get; } = ["computed", "entered_by", "entered_at"];

    /// <summary>
    /// Reads a file. A file without a header line, with a column of no known name, a column named twice or a
    /// required column missing cannot be read (the problem names the columns). A cell that cannot be read (a number, the
    /// follow-up flag) or a line with more or fewer cells than the header refuses that line, named <c>line N</c>.
    /// </summary>
    public static async Task<ExchangeRead> ReadAsync(TextReader text, CancellationToken cancellationToken)
    {
        var badLines = new HashSet<int>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => badLines.Add(args.Context.Parser!.RawRow),
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
        };
        using var parser = new CsvParser(text, config);
        if (!await parser.ReadAsync())
            return ExchangeRead.Unreadable($"The file is empty: its first line names the columns ({string.Join(", ", Columns)}).");
        var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_')).ToArray();
        if (HeaderProblem(header) is { } problem)
            return ExchangeRead.Unreadable(problem);
        var column = header.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index);

        var lines = new List<CodedValueInput>();
        var refused = new List<ValueReject>();
        while (await parser.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = parser.Record!;
            var number = parser.RawRow - LineBreaks(parser.RawRecord);
            var where = $"line {number}";
            var reasons = new List<ValueReject>();
            void Refuse(string field, string message) => reasons.Add(new ValueReject(where, field, message));
            if (badLines.Contains(parser.RawRow))
                Refuse("line", "A cell holds a quote but is not itself in quotes: put the cell in double quotes and double the quote (\"a \"\"b\"\"\").");
            if (record.Length != header.Length)
                Refuse("line", $"The line has {record.Length} cell(s), the header {header.Length}: check for a missing or extra comma.");
            string? Cell(string name) => column.TryGetValue(name, out var index) && index < record.Length ? record[index] : null;
            double? Read(string name)
            {
                if (ExchangeText.TryNumber(Cell(name), out var value))
                    return value;
                Refuse(name, $"'{Cell(name)}' is not a number: write it with a point for decimals and no thousands separator (1234.5).");
                return null;
            }
            var (value, numerator, denominator) = (Read("value"), Read("numerator"), Read("denominator"));
            if (!ExchangeText.TryFlag(Cell("follow_up"), out var followUp))
                Refuse("follow_up", $"'{Cell("follow_up")}' is not a flag: write true or false (or leave it empty).");
            var input = new ValueInput(Cell("period"), Cell("area"), Cell("disaggregation"), value, numerator, denominator,
                Unneutralised(Cell("comment")), followUp);
            lines.Add(new CodedValueInput(where, Cell("indicator"), reasons.Count > 0 ? ExchangeText.Unenterable(input) : input));
            refused.AddRange(reasons);
            if (lines.Count > Values.ValueRules.MaxLines)
                break; // the rules refuse the batch as too large; reading on would only hold more in memory
        }
        return new ExchangeRead(new ExchangeFile(lines, refused), null);
    }

    private static string? HeaderProblem(string[] header)
    {
        var unknown = header.Where(h => !Columns.Contains(h) && !ExportOnly.Contains(h)).ToList();
        if (unknown.Count > 0)
            return $"Line 1 names column(s) this import does not know: {string.Join(", ", unknown.Select(u => $"'{u}'"))}. " +
                   $"The columns are {string.Join(", ", Columns)}.";
        var twice = header.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
            return $"Line 1 names column(s) more than once: {string.Join(", ", twice)}.";
        var missing = new[] { "indicator", "period" }.Where(c => !header.Contains(c)).ToList();
        if (!header.Contains("value") && !(header.Contains("numerator") && header.Contains("denominator")))
            missing.Add("value (or numerator and denominator)");
        return missing.Count > 0 ? $"Line 1 lacks the required column(s) {string.Join(", ", missing)}." : null;
    }

    /// <summary>Line breaks inside a record (a quoted cell over several lines), so that a line number is where the record starts.</summary>
    private static int LineBreaks(string? raw) => raw is null ? 0 : raw.TrimEnd('\r', '\n').Count(c => c == '\n');

    /// <summary>Undoes the export's guard against formula injection: <c>'=x</c> (a quote before =, +, -, @) reads back as <c>=x</c>.</summary>
    private static string? Unneutralised(string? comment) =>
        comment is ['\'', '=' or '+' or '-' or '@' or '\t' or '\r', ..] ? comment[1..] : comment;

    /// <summary>
    /// Writes <paramref name="rows"/> with the import's columns and <see cref="ExportOnly"/>; text that a spreadsheet would
    /// run as a formula is neutralised with a leading quote (which an import removes again). Returns the number of rows.
    /// </summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<ExchangeRow> rows, Stream output, CancellationToken cancellationToken)
    {
        using var csv = new Utf8CsvWriter(1 << 16);
        foreach (var name in Columns.Concat(ExportOnly))
            csv.Name(name);
        csv.EndRecord();
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.Name(row.Indicator);
            csv.Name(row.Period);
            csv.Name(row.Area);
            csv.Name(row.Disaggregation);
            csv.Number(row.Value);
            csv.Number(row.Numerator);
            csv.Number(row.Denominator);
            csv.Text(row.Comment);
            csv.Name(row.FollowUp ? "true" : "false");
            csv.Name(row.Computed ? "true" : "false");
            csv.Text(row.EnteredBy);
            csv.Time(row.EnteredAt);
            csv.EndRecord();
            count++;
            if (csv.Length > 1 << 15)
                await csv.FlushAsync(output, cancellationToken);
        }
        await csv.FlushAsync(output, cancellationToken);
        return count;
    }
}
