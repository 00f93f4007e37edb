using Amani.Register.Incidents;

namespace Amani.Register.Exports;

/// <summary>
/// One incident as an export writes it: flat, with its actors joined per side and its admin areas named. Holds no
/// community report, no reporter and no user: exports never carry them, whoever asks. Fields the audience may not see
/// are null (see <see cref="IncidentExportRows"/>).
/// </summary>
public sealed record ExportRow(Guid Id, DateTime OccurredFrom, DateTime? OccurredUntil, DatePrecision OccurredPrecision, DateTime? ReportedAt,
    string CategoryCode, string? Actor1, string? Actor2, int? Fatalities, int? CivilianFatalities, int? FatalitiesLow, int? FatalitiesHigh,
    int? Injured, int? Abducted, int? Displaced, string? Adm1Name, string? Adm1Code, string? Adm2Name, string? Adm2Code, string? Location,
    double? Latitude, double? Longitude, LocationPrecision? LocationPrecision, int? PrioGridCell, IncidentStatus? Status, IncidentSource? Source,
    Confidence Confidence, Confidentiality? Confidentiality, string? Description);

/// <summary>Who an export is for: <see cref="Full"/> = everything the caller may see; <see cref="Public"/> = the anonymous public view.</summary>
public enum ExportAudience { Full, Public }

public enum ExportFormat { Csv, GeoJson, Hxl }

public static class ExportFormats
{
    public static string Extension(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => "csv",
        ExportFormat.GeoJson => "geojson",
        _ => "hxl.csv",
    };

    public static string ContentType(this ExportFormat format) =>
        format == ExportFormat.GeoJson ? "application/geo+json" : "text/csv; charset=utf-8";

    /// <summary>Writes <paramref name="rows"/> to <paramref name="output"/> in <paramref name="format"/>; returns how many were written.</summary>
    public static Task<long> WriteAsync(this ExportFormat format, IAsyncEnumerable<ExportRow> rows, Stream output, bool byteOrderMark,
        CancellationToken cancellationToken) => format switch
    {
        ExportFormat.GeoJson => GeoJsonExport.WriteAsync(rows, output, cancellationToken),
        _ => CsvExport.WriteAsync(rows, output, hxl: format == ExportFormat.Hxl, byteOrderMark, cancellationToken),
    };
}
