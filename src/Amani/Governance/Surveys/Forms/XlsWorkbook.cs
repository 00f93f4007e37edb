using System.Globalization;
using System.IO.Compression;
using System.Xml;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Amani.Governance.Surveys.Forms;

/// <summary>One row of a sheet: its number as the spreadsheet shows it and its non-empty cells by column header.</summary>
internal sealed record XlsRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    public string Get(string header) => Cells.TryGetValue(header, out var value) ? value : "";
}

/// <summary>A sheet read: its name as written, its header row (headers in column order) and the rows below it that hold something.</summary>
internal sealed record XlsSheet(string Name, int HeaderRow, IReadOnlyList<string> Headers, IReadOnlyList<XlsRow> Rows);

/// <summary>
/// The sheets of an XLSForm workbook, read with MiniExcel. Every cell becomes trimmed text (numbers in the invariant
/// culture, whole numbers without decimals, dates as ISO dates). Bounded, because a few hundred bytes can declare a
/// million rows of 16,384 columns (and MiniExcel's time grows with the square of the columns a row declares): a workbook
/// whose parts would expand past <see cref="MaxExpandedBytes"/> is refused; the header is looked for in the first 50 rows
/// and its first <see cref="MaxColumns"/> columns (an XLSForm with ten languages uses under a hundred), only the columns
/// up to the header's last are read below it, and a sheet with more than <see cref="MaxRows"/> rows, or more than
/// <see cref="MaxBlankCells"/> empty cells between its rows, is refused.
/// </summary>
internal static class XlsWorkbook
{
    public const long MaxExpandedBytes = 100L * 1024 * 1024;
    public const int MaxRows = 100_000;
    public const int MaxColumns = 200;
    public const int MaxBlankCells = 1_000_000;
    private const int HeaderSearchRows = 50;

    /// <summary>The workbook's sheets by lower-case name (the first of a name wins), or the problem that stopped reading it.</summary>
    public static (IReadOnlyDictionary<string, XlsSheet>? Sheets, FormProblem? Problem) Read(Stream xlsx)
    {
        var buffer = new MemoryStream();
        xlsx.CopyTo(buffer);
        if (ExpandedSizeProblem(buffer) is { } tooLarge)
            return (null, tooLarge);
        var configuration = new OpenXmlConfiguration
        {
            EnableSharedStringCache = false, FillMergedCells = false, MaxSynthesizedCells = MaxBlankCells,
        };
        try
        {
            buffer.Position = 0;
            var names = buffer.GetSheetNames(configuration);
            var sheets = new Dictionary<string, XlsSheet>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names)
            {
                if (sheets.ContainsKey(name.Trim()))
                    continue;
                buffer.Position = 0;
                var (sheet, problem) = ReadSheet(buffer, name, configuration);
                if (problem is not null)
                    return (null, problem);
                sheets[name.Trim()] = sheet!;
            }
            return (sheets, null);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or InvalidOperationException or IOException
                                      or FormatException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return (null, new FormProblem("workbook", null, null,
                "The file could not be read as an Excel workbook (.xlsx). Save the XLSForm from Excel, LibreOffice or " +
                $"Google Sheets as .xlsx and upload it again. ({e.Message})"));
        }
    }

    private static FormProblem? ExpandedSizeProblem(MemoryStream buffer)
    {
        try
        {
            buffer.Position = 0;
            using var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
            var total = zip.Entries.Sum(e => e.Length);
            return total <= MaxExpandedBytes ? null : new FormProblem("workbook", null, null,
                $"The workbook expands to {total / (1024 * 1024)} MB, more than the {MaxExpandedBytes / (1024 * 1024)} MB Amani reads. " +
                "An XLSForm is a few hundred kilobytes: remove the sheets, images or formatting the form does not need.");
        }
        catch (InvalidDataException e)
        {
            return new FormProblem("workbook", null, null,
                "The file is not an Excel workbook (.xlsx): it is not a zip archive. Save the XLSForm as .xlsx " +
                $"(not .xls, .csv or .ods) and upload it again. ({e.Message})");
        }
    }

    /// <summary>
    /// Reads a sheet in two passes: the first rows, to find the header row (the first that holds something) and its last
    /// column; then the rows below it up to that column only (MiniExcel pads every row to the range asked for).
    /// </summary>
    private static (XlsSheet?, FormProblem?) ReadSheet(Stream buffer, string name, OpenXmlConfiguration configuration)
    {
        Dictionary<string, string>? headerByLetter = null;
        var headerRow = 0;
        foreach (IDictionary<string, object?> raw in buffer.QueryRange(useHeaderRow: false, sheetName: name, startCell: "A1",
                     endCell: $"{Letters(MaxColumns)}{HeaderSearchRows}", configuration: configuration))
        {
            headerRow++;
            var found = raw.Where(c => Text(c.Value).Length > 0).ToList();
            if (found.Count == 0)
                continue;
            headerByLetter = found.ToDictionary(c => c.Key, c => Text(c.Value));
            break;
        }
        if (headerByLetter is null)
            return (new XlsSheet(name, 0, [], []), null);

        var rows = new List<XlsRow>();
        var number = headerRow;
        var lastColumn = Letters(headerByLetter.Keys.Max(Index));
        buffer.Position = 0;
        try
        {
            foreach (IDictionary<string, object?> raw in buffer.QueryRange(useHeaderRow: false, sheetName: name,
                         startCell: $"A{headerRow + 1}", endCell: $"{lastColumn}{MaxRows + 1}", configuration: configuration))
            {
                number++;
                if (number > MaxRows)
                    return (null, TooLarge(name, number));
                Dictionary<string, string>? values = null;
                foreach (var (letter, value) in raw)
                {
                    if (!headerByLetter.TryGetValue(letter, out var header))
                        continue;
                    var text = Text(value);
                    if (text.Length == 0)
                        continue;
                    values ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    values.TryAdd(header, text);
                }
                if (values is not null)
                    rows.Add(new XlsRow(number, values));
            }
        }
        catch (InvalidDataException e) when (e.Message.Contains("synthesized", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TooLarge(name, null));
        }
        return (new XlsSheet(name, headerRow, headerByLetter.Values.ToList(), rows), null);
    }

    private static FormProblem TooLarge(string sheet, int? row) => new(sheet, row, null,
        $"The '{sheet}' sheet is larger than Amani reads ({MaxRows:N0} rows, at most {MaxBlankCells:N0} empty cells between rows). " +
        "Delete the empty rows below the form, or shorten the choice lists.");

    /// <summary>The column letters of a 1-based column index (1 → A, 27 → AA).</summary>
    private static string Letters(int index)
    {
        var letters = "";
        for (; index > 0; index = (index - 1) / 26)
            letters = (char)('A' + (index - 1) % 26) + letters;
        return letters;
    }

    private static int Index(string letters) => letters.Aggregate(0, (total, c) => total * 26 + (char.ToUpperInvariant(c) - 'A' + 1));

    /// <summary>A cell as trimmed text: numbers invariant (whole numbers without ".0"), booleans "true"/"false", dates ISO.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
        double d when Math.Abs(d) < 1e15 && d == Math.Floor(d) => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };
}
