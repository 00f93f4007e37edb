using System.Globalization;
using System.Text.Json;
using Amani.Taxonomy;

namespace Amani.Exports;

/// <summary>
/// One column of every export: its CSV header (and GeoJSON property) name, its HXL hashtag, and its value — text or a
/// number, never both. Only text is neutralised against spreadsheet formulas; numbers (a longitude of -12.5) are data.
/// </summary>
public sealed record ExportColumn(string Name, string Hashtag, Func<ExportRow, string?>? Text = null, Func<ExportRow, double?>? Number = null)
{
    public bool IsNumeric => Number is not null;
}

/// <summary>
/// The columns of the incident exports, in order: ../shared/docs/TAXONOMY.md's HXL hashtags, the HXL core hashtags
/// <c>#adm2+code</c> and <c>#description</c>, and Amani's own fields as <c>#x_…</c>.
/// </summary>
public static class ExportColumns
{
    public static IReadOnlyList<ExportColumn> All { get; } =
    [
        new("id", "#event+id", Text: r => r.Id.ToString()),
        new("occurred_at", "#date+occurred", Text: r => Time(r.OccurredFrom)),
        new("occurred_until", "#x_occurred_until", Text: r => r.OccurredUntil is { } t ? Time(t) : null),
        new("date_precision", "#x_date_precision", Text: r => Name(r.OccurredPrecision)),
        new("reported_at", "#date+reported", Text: r => r.ReportedAt is { } t ? Time(t) : null),
        new("event_type", "#event+type", Text: r => Categories.Find(r.CategoryCode) is { } c ? c.AcledEventType ?? c.Name : r.CategoryCode),
        new("event_subtype", "#event+subtype", Text: r => Categories.Find(r.CategoryCode)?.AcledSubEventType),
        new("category", "#x_category", Text: r => r.CategoryCode),
        new("actor1", "#group+actor1", Text: r => r.Actor1),
        new("actor2", "#group+actor2", Text: r => r.Actor2),
        new("fatalities", "#affected+killed", Number: r => r.Fatalities),
        new("civilian_fatalities", "#affected+killed+civilians", Number: r => r.CivilianFatalities),
        new("fatalities_low", "#x_fatalities_low", Number: r => r.FatalitiesLow),
        new("fatalities_high", "#x_fatalities_high", Number: r => r.FatalitiesHigh),
        new("injured", "#x_injured", Number: r => r.Injured),
        new("abducted", "#x_abducted", Number: r => r.Abducted),
        new("displaced", "#x_displaced", Number: r => r.Displaced),
        new("adm1_name", "#adm1+name", Text: r => r.Adm1Name),
        new("adm1_code", "#adm1+code", Text: r => r.Adm1Code),
        new("adm2_name", "#adm2+name", Text: r => r.Adm2Name),
        new("adm2_code", "#adm2+code", Text: r => r.Adm2Code),
        new("location", "#loc+name", Text: r => r.Location),
        new("latitude", "#geo+lat", Number: r => r.Latitude),
        new("longitude", "#geo+lon", Number: r => r.Longitude),
        new("location_precision", "#geo+precision", Number: r => (int?)r.LocationPrecision),
        new("prio_grid_cell", "#x_prio_grid_cell", Number: r => r.PrioGridCell),
        new("status", "#status", Text: r => r.Status is { } s ? Name(s) : null),
        new("source", "#meta+source", Text: r => r.Source is { } s ? Name(s) : null),
        new("confidence", "#x_confidence", Text: r => Name(r.Confidence)),
        new("confidentiality", "#x_confidentiality", Text: r => r.Confidentiality is { } c ? Name(c) : null),
        new("description", "#description", Text: r => r.Description),
    ];

    /// <summary>UTC, ISO 8601, to the second: 2026-11-21T10:30:00Z.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Numbers as the shortest text that reads back to the same value, invariant culture (12, -12.5, 4.5512).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Enum values as the API writes them (camelCase).</summary>
    private static string Name<T>(T value) where T : struct, Enum => EnumNames<T>.Of[value];

    private static class EnumNames<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Of = Enum.GetValues<T>().ToDictionary(v => v, v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));
    }

    /// <summary>
    /// A text cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) prefixed with a
    /// single quote, so it shows as text (OWASP's advice for CSV injection). Applied to text columns only.
    /// </summary>
    public static string? Neutralise(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
