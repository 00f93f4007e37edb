using System.Globalization;
using System.IO.Compression;
using System.Xml;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Amani.Governance.Surveys.Forms;

/// <summary>One row of a sheet: its number as the spreadsheet shows it and its non-empty cells by column header.</summary>
internal sealed record SheetRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    public string Get(string header) => Cells.TryGetValue(header, out var value) ? value : "";
}

/// <summary>A sheet read: its name as written, its header row (headers in column order) and the rows below it that hold something.</summary>
internal sealed record Sheet(string Name, int HeaderRow, IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows);

/// <summary>
/// The sheets of an XLSForm workbook, read with MiniExcel. Every cell becomes trimmed text (numbers in the invariant
/// culture, whole numbers without decimals, dates as ISO dates). Bounded, because a few hundred bytes can declare a
/// million rows of 16,384 columns (and MiniExcel's time grows with the square of the columns a row declares): a workbook
/// whose parts would expand past <see cref="MaxExpandedBytes"/> is refused; only the first <see cref="MaxColumns"/>
/// columns are read (an XLSForm with ten languages uses under a hundred), and a sheet with more than
/// <see cref="MaxRows"/> rows is refused.
/// </summary>
internal static class Workbook
{
    public const long MaxExpandedBytes = 100L * 1024 * 1024;
    public const int MaxRows = 100_000;
    public const int MaxColumns = 200;
    private const string LastColumn = "GR";

    /// <summary>The workbook's sheets by lower-case name (the first of a name wins), or the problem that stopped reading it.</summary>
    public static (IReadOnlyDictionary<string, Sheet>? Sheets, FormProblem? Problem) Read(Stream xlsx)
    {
        var buffer = new MemoryStream();
        xlsx.CopyTo(buffer);
        if (ExpandedSizeProblem(buffer) is { } tooLarge)
            return (null, tooLarge);
        var configuration = new OpenXmlConfiguration { EnableSharedStringCache = false, FillMergedCells = false };
        try
        {
            buffer.Position = 0;
            var names = buffer.GetSheetNames(configuration);
            var sheets = new Dictionary<string, Sheet>(StringComparer.OrdinalIgnoreCase);
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

    private static (Sheet?, FormProblem?) ReadSheet(Stream buffer, string name, OpenXmlConfiguration configuration)
    {
        var rows = new List<SheetRow>();
        Dictionary<string, string>? headerByLetter = null;
        var headers = new List<string>();
        var headerRow = 0;
        var number = 0;
        var range = buffer.QueryRange(useHeaderRow: false, sheetName: name, startCell: "A1", endCell: $"{LastColumn}{MaxRows + 1}",
            configuration: configuration);
        foreach (IDictionary<string, object?> raw in range)
        {
            number++;
            if (number > MaxRows)
                return (null, new FormProblem(name, number, null,
                    $"The '{name}' sheet is larger than Amani reads ({MaxRows:N0} rows). Delete the empty rows below the " +
                    "form, or shorten the choice lists."));
            if (headerByLetter is null)
            {
                var found = raw.Where(c => Text(c.Value).Length > 0).ToList();
                if (found.Count == 0)
                    continue;
                headerByLetter = found.ToDictionary(c => c.Key, c => Text(c.Value));
                headers.AddRange(headerByLetter.Values);
                headerRow = number;
                continue;
            }
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
                rows.Add(new SheetRow(number, values));
        }
        return (new Sheet(name, headerRow, headers, rows), null);
    }

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
