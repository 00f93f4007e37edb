using System.Globalization;
using System.Text.Json;
using Amani.Register.Exports;
using MiniExcelLibs;

namespace Amani.Governance.Surveys.Submissions;

/// <summary>
/// Writes a form's submissions as CSV (RFC 4180, UTF-8 with a byte order mark for spreadsheets; with <c>hxl</c> a second
/// header row of HXL hashtags), XLSX (a sheet <c>submissions</c>, then one per repeat) and GeoJSON (one Point per geopoint
/// answer). Rows are read and written a batch at a time: memory stays flat whatever the number of submissions. Text that a
/// spreadsheet would run as a formula is neutralised in CSV (<see cref="Utf8CsvWriter.Text"/>); XLSX cells are written as
/// values, never formulas.
/// </summary>
public static class SubmissionExports
{
    public const string MainSheet = "submissions";

    public static async Task<long> WriteCsvAsync(IReadOnlyList<TableColumn> columns, IAsyncEnumerable<string?[]> rows, bool hxl, Stream output,
        CancellationToken cancellationToken)
    {
        using var csv = new Utf8CsvWriter(2 * CsvExport.ChunkBytes);
        csv.ByteOrderMark();
        foreach (var column in columns)
            csv.Name(column.Name);
        csv.EndRecord();
        if (hxl)
        {
            foreach (var column in columns)
                csv.Name(column.Hxl ?? "");
            csv.EndRecord();
        }
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var c = 0; c < columns.Count; c++)
                if (columns[c].Numeric && Number(row[c]) is { } number)
                    csv.Number(number);
                else
                    csv.Text(row[c]);
            csv.EndRecord();
            count++;
            if (csv.Length >= CsvExport.ChunkBytes)
                await csv.FlushAsync(output, cancellationToken);
        }
        await csv.FlushAsync(output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// The workbook, written to <paramref name="file"/> (MiniExcel writes synchronously, so the caller streams the file to
    /// the client afterwards). Each sheet's first row is its column names, written as a row so that a sheet without
    /// submissions still has them; the rows are pulled from <paramref name="sheets"/> while the workbook is written.
    /// </summary>
    public static void WriteXlsx(IReadOnlyList<(string Name, IReadOnlyList<TableColumn> Columns, IEnumerable<string?[]> Rows)> sheets, Stream file)
    {
        var workbook = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, columns, rows) in sheets)
            workbook[SheetName(name, workbook.Keys)] = SheetRows(columns, rows);
        MiniExcel.SaveAs(file, workbook, printHeader: false, excelType: ExcelType.XLSX);
    }

    private static IEnumerable<Dictionary<string, object?>> SheetRows(IReadOnlyList<TableColumn> columns, IEnumerable<string?[]> rows)
    {
        var keys = columns.Select((_, i) => "c" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        yield return keys.Select((k, i) => (k, (object?)columns[i].Name)).ToDictionary(p => p.k, p => p.Item2);
        foreach (var row in rows)
        {
            var cells = new Dictionary<string, object?>(keys.Length);
            for (var c = 0; c < keys.Length; c++)
                cells[keys[c]] = columns[c].Numeric && Number(row[c]) is { } number ? number : row[c];
            yield return cells;
        }
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of <c>[]:*?/\</c>, unique.</summary>
    public static string SheetName(string path, IEnumerable<string> taken)
    {
        var name = new string(path.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? '.' : c).ToArray());
        name = name.Length > 31 ? name[..31] : name;
        var used = taken.ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 2; used.Contains(name); i++)
            name = (name.Length > 28 ? name[..28] : name) + "~" + i.ToString(CultureInfo.InvariantCulture);
        return name;
    }

    /// <summary>
    /// The geopoint answers as a FeatureCollection (RFC 7946, <c>[longitude, latitude]</c>): one Point per answer (a repeat
    /// gives several), with the submission's instanceID and review state, the question's path and the point's areas.
    /// Written with System.Text.Json's <see cref="Utf8JsonWriter"/>, as the incidents' GeoJSON export.
    /// </summary>
    public static async Task<long> WriteGeoJsonAsync(SubmissionLayout layout, IAsyncEnumerable<SubmissionRecord> submissions, PointAreas areas, Stream output,
        CancellationToken cancellationToken)
    {
        var points = layout.Main.Where(c => c.Kind == ColumnKind.Adm1).ToList();
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        long count = 0;
        await foreach (var submission in submissions.WithCancellation(cancellationToken))
        {
            var root = SubmissionLayout.Root(submission.Xml);
            foreach (var column in points)
                foreach (var answer in SubmissionLayout.At(root, column.Steps))
                {
                    if (SubmissionLayout.Point(answer.Value.Trim()) is not var (lat, lon))
                        continue;
                    var (adm1, adm2, adm2Name) = areas(lat, lon);
                    json.WriteStartObject();
                    json.WriteString("type", "Feature");
                    json.WriteStartObject("geometry");
                    json.WriteString("type", "Point");
                    json.WriteStartArray("coordinates");
                    json.WriteNumberValue(lon);
                    json.WriteNumberValue(lat);
                    json.WriteEndArray();
                    json.WriteEndObject();
                    json.WriteStartObject("properties");
                    json.WriteString("instanceID", submission.InstanceId);
                    json.WriteString("reviewState", SurveyQueries.Camel(submission.ReviewState));
                    json.WriteString("question", column.Name[..^"_adm1".Length]);
                    json.WriteString("submittedAt", submission.ReceivedAt);
                    json.WriteString("adm1", adm1);
                    json.WriteString("adm2", adm2);
                    json.WriteString("adm2Name", adm2Name);
                    json.WriteEndObject();
                    json.WriteEndObject();
                    count++;
                }
            if (json.BytesPending >= CsvExport.ChunkBytes)
                await json.FlushAsync(cancellationToken);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        return count;
    }

    private static double? Number(string? text) =>
        text is not null && !text.Contains(SubmissionLayout.Joiner, StringComparison.Ordinal)
                         && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
