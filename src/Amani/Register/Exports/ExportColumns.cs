using System.Text;
using System.Text.Json;
using Amani.Foundation.Taxonomy;

namespace Amani.Register.Exports;

/// <summary>
/// One column of every export: its CSV header (and GeoJSON property) name, its HXL hashtag, and how its value is
/// written — as CSV straight into UTF-8 (<see cref="Utf8CsvWriter"/>) and as a GeoJSON property. Only free text is
/// neutralised against spreadsheet formulas; numbers (a longitude of -12.5), times, ids and enum names are data.
/// </summary>
public abstract class ExportColumn(string name, string hashtag)
{
    public string Name { get; } = name;
    public string Hashtag { get; } = hashtag;
    internal JsonEncodedText JsonName { get; } = JsonEncodedText.Encode(name);

    internal abstract void WriteCsv(ExportRow row, Utf8CsvWriter csv);
    internal abstract void WriteJson(ExportRow row, Utf8JsonWriter json);
}

/// <summary>
/// The columns of the incident exports, in order: the HXL hashtags of docs/taxonomy.md ("HXL hashtags for exports"),
/// the HXL core hashtags <c>#adm2+code</c> and <c>#description</c>, and Amani's own fields as <c>#x_…</c>.
/// </summary>
public static class ExportColumns
{
    public static IReadOnlyList<ExportColumn> All { get; } =
    [
        new IdColumn("id", "#event+id", r => r.Id),
        new TimeColumn("occurred_at", "#date+occurred", r => r.OccurredFrom),
        new TimeColumn("occurred_until", "#x_occurred_until", r => r.OccurredUntil),
        new EnumColumn<Incidents.DatePrecision>("date_precision", "#x_date_precision", r => r.OccurredPrecision),
        new TimeColumn("reported_at", "#date+reported", r => r.ReportedAt),
        new TextColumn("event_type", "#event+type", r => Categories.Find(r.CategoryCode) is { } c ? c.AcledEventType ?? c.Name : r.CategoryCode),
        new TextColumn("event_subtype", "#event+subtype", r => Categories.Find(r.CategoryCode)?.AcledSubEventType),
        new TextColumn("category", "#x_category", r => r.CategoryCode),
        new TextColumn("actor1", "#group+actor1", r => r.Actor1),
        new TextColumn("actor2", "#group+actor2", r => r.Actor2),
        new IntColumn("fatalities", "#affected+killed", r => r.Fatalities),
        new IntColumn("civilian_fatalities", "#affected+killed+civilians", r => r.CivilianFatalities),
        new IntColumn("fatalities_low", "#x_fatalities_low", r => r.FatalitiesLow),
        new IntColumn("fatalities_high", "#x_fatalities_high", r => r.FatalitiesHigh),
        new IntColumn("injured", "#x_injured", r => r.Injured),
        new IntColumn("abducted", "#x_abducted", r => r.Abducted),
        new IntColumn("displaced", "#x_displaced", r => r.Displaced),
        new TextColumn("adm1_name", "#adm1+name", r => r.Adm1Name),
        new TextColumn("adm1_code", "#adm1+code", r => r.Adm1Code),
        new TextColumn("adm2_name", "#adm2+name", r => r.Adm2Name),
        new TextColumn("adm2_code", "#adm2+code", r => r.Adm2Code),
        new TextColumn("location", "#loc+name", r => r.Location),
        new DoubleColumn("latitude", "#geo+lat", r => r.Latitude),
        new DoubleColumn("longitude", "#geo+lon", r => r.Longitude),
        new IntColumn("location_precision", "#geo+precision", r => (int?)r.LocationPrecision),
        new IntColumn("prio_grid_cell", "#x_prio_grid_cell", r => r.PrioGridCell),
        new EnumColumn<Incidents.IncidentStatus>("status", "#status", r => r.Status),
        new EnumColumn<Incidents.IncidentSource>("source", "#meta+source", r => r.Source),
        new EnumColumn<Incidents.Confidence>("confidence", "#x_confidence", r => r.Confidence),
        new EnumColumn<Incidents.Confidentiality>("confidentiality", "#x_confidentiality", r => r.Confidentiality),
        new TextColumn("description", "#description", r => r.Description),
    ];

    /// <summary>Length of <see cref="FormatTime"/>'s text.</summary>
    public const int TimeLength = 20;

    /// <summary>
    /// A time as the exports write it — UTC, ISO 8601, to the second: 2026-11-21T10:30:00Z — in ASCII, into
    /// <paramref name="destination"/>; returns the length written (<see cref="TimeLength"/>).
    /// </summary>
    public static int FormatTime(DateTime utc, Span<byte> destination)
    {
        var d = destination[..TimeLength];
        Digits(d[..4], utc.Year);
        d[4] = (byte)'-';
        Digits(d.Slice(5, 2), utc.Month);
        d[7] = (byte)'-';
        Digits(d.Slice(8, 2), utc.Day);
        d[10] = (byte)'T';
        Digits(d.Slice(11, 2), utc.Hour);
        d[13] = (byte)':';
        Digits(d.Slice(14, 2), utc.Minute);
        d[16] = (byte)':';
        Digits(d.Slice(17, 2), utc.Second);
        d[19] = (byte)'Z';
        return TimeLength;
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--, value /= 10)
            destination[i] = (byte)('0' + value % 10);
    }
}

internal sealed class TextColumn(string name, string hashtag, Func<ExportRow, string?> value) : ExportColumn(name, hashtag)
{
    internal override void WriteCsv(ExportRow row, Utf8CsvWriter csv) => csv.Text(value(row));

    internal override void WriteJson(ExportRow row, Utf8JsonWriter json)
    {
        if (value(row) is { } text)
            json.WriteString(JsonName, text);
        else
            json.WriteNull(JsonName);
    }
}

internal sealed class IntColumn(string name, string hashtag, Func<ExportRow, int?> value) : ExportColumn(name, hashtag)
{
    internal override void WriteCsv(ExportRow row, Utf8CsvWriter csv) => csv.Number(value(row));

    internal override void WriteJson(ExportRow row, Utf8JsonWriter json)
    {
        if (value(row) is { } number)
            json.WriteNumber(JsonName, number);
        else
            json.WriteNull(JsonName);
    }
}

internal sealed class DoubleColumn(string name, string hashtag, Func<ExportRow, double?> value) : ExportColumn(name, hashtag)
{
    internal override void WriteCsv(ExportRow row, Utf8CsvWriter csv) => csv.Number(value(row));

    internal override void WriteJson(ExportRow row, Utf8JsonWriter json)
    {
        if (value(row) is { } number)
            json.WriteNumber(JsonName, number);
        else
            json.WriteNull(JsonName);
    }
}

internal sealed class TimeColumn(string name, string hashtag, Func<ExportRow, DateTime?> value) : ExportColumn(name, hashtag)
{
    internal override void WriteCsv(ExportRow row, Utf8CsvWriter csv) => csv.Time(value(row));

    internal override void WriteJson(ExportRow row, Utf8JsonWriter json)
    {
        if (value(row) is { } utc)
        {
            Span<byte> text = stackalloc byte[ExportColumns.TimeLength];
            json.WriteString(JsonName, text[..ExportColumns.FormatTime(utc, text)]);
        }
        else
            json.WriteNull(JsonName);
    }
}

internal sealed class IdColumn(string name, string hashtag, Func<ExportRow, Guid> value) : ExportColumn(name, hashtag)
{
    internal override void WriteCsv(ExportRow row, Utf8CsvWriter csv) => csv.Id(value(row));

    internal override void WriteJson(ExportRow row, Utf8JsonWriter json) => json.WriteString(JsonName, value(row));
}

/// <summary>Enum values as the API writes them (camelCase), encoded once.</summary>
internal sealed class EnumColumn<T>(string name, string hashtag, Func<ExportRow, T?> value) : ExportColumn(name, hashtag) where T : struct, Enum
{
    private static readonly Dictionary<T, (byte[] Utf8, JsonEncodedText Json)> Names = Enum.GetValues<T>().ToDictionary(v => v, v =>
    {
        var camel = JsonNamingPolicy.CamelCase.ConvertName(v.ToString());
        return (Encoding.UTF8.GetBytes(camel), JsonEncodedText.Encode(camel));
    });

    internal override void WriteCsv(ExportRow row, Utf8CsvWriter csv) => csv.Plain(value(row) is { } v ? Names[v].Utf8 : []);

    internal override void WriteJson(ExportRow row, Utf8JsonWriter json)
    {
        if (value(row) is { } v)
            json.WriteString(JsonName, Names[v].Json);
        else
            json.WriteNull(JsonName);
    }
}
