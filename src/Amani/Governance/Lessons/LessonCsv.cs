using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Amani.Governance.Lessons;

/// <summary>
/// Lessons as CSV (RFC 4180, UTF-8): one row per lesson the caller sees, the list's order. The <c>author</c> column is
/// empty for a lesson that is not attributed — for every reader, its author included — as everywhere else. A cell that
/// a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
/// </summary>
public static class LessonCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "kind", "title", "status", "happened_on", "themes", "area_pcode", "area", "author", "observation", "discussion", "recommendation",
        "expected", "happened", "causes", "improvements", "updated_at", "page",
    ];

    public static byte[] Write(IEnumerable<LessonExportRow> rows, string missionCode)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var column in Columns)
                csv.WriteField(column);
            csv.NextRecord();
            foreach (var row in rows)
            {
                var s = row.Summary;
                foreach (var field in new[]
                         {
                             s.Id.ToString(), Camel(s.Kind), Safe(s.Title), LessonBook.Name(s.Status), row.HappenedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                             Safe(string.Join("; ", s.Themes)), s.AreaPCode, Safe(s.AreaName), Safe(s.Author?.Name), Safe(row.Observation), Safe(row.Discussion),
                             Safe(row.Recommendation), Safe(row.Expected), Safe(row.Happened), Safe(row.Causes), Safe(row.Improvements),
                             s.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), $"/missions/{Uri.EscapeDataString(missionCode)}/lessons/{s.Id}",
                         })
                    csv.WriteField(field ?? "");
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    private static string Camel<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static string? Safe(string? text) => text is { Length: > 0 } && "=+-@\t\r".Contains(text[0]) ? "'" + text : text;
}
