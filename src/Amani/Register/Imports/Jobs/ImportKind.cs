using Amani.Foundation.Areas;
using Amani.Analysis.Forecasting;

namespace Amani.Register.Imports.Jobs;

/// <summary>
/// What can be imported through the API: the datasets of the command line's <c>./amani import …</c>, by the same
/// names. Incident datasets and boundaries go into a mission; ViEWS country-months are reference data for all missions.
/// </summary>
public sealed record ImportKind(string Slug, string DisplayName, bool NeedsMission, bool NeedsLevel)
{
    public static readonly ImportKind UcdpGed = new(GedMapper.SourceName, "UCDP GED events (CSV)", NeedsMission: true, NeedsLevel: false);
    public static readonly ImportKind Acled = new(AcledMapper.SourceName, "ACLED events (CSV)", NeedsMission: true, NeedsLevel: false);
    public static readonly ImportKind Areas = new("areas", "admin boundaries (GeoJSON)", NeedsMission: true, NeedsLevel: true);
    public static readonly ImportKind ViewsCm = new(CountryMonthImporter.Source, "ViEWS/UCDP country-months (CSV)", NeedsMission: false, NeedsLevel: false);

    public static IReadOnlyList<ImportKind> All { get; } = [UcdpGed, Acled, Areas, ViewsCm];

    public static ImportKind? Find(string? slug) => All.FirstOrDefault(k => string.Equals(k.Slug, slug?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(k => k.Slug));

    /// <summary>The largest file of this kind: the import limit, and for boundaries (read whole into memory) also their own.</summary>
    public long MaxBytes(long importLimit) => this == Areas ? Math.Min(importLimit, AreaImportLimits.MaxUploadBytes) : importLimit;

    /// <summary>The row mapper of an incident dataset (a new one per file: mappers remember the header); null for the others.</summary>
    public IIncidentRowMapper? CreateMapper() => Slug switch
    {
        GedMapper.SourceName => new GedMapper(),
        AcledMapper.SourceName => new AcledMapper(),
        _ => null,
    };
}
