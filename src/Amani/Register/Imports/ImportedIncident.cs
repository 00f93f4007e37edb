using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amani.Register.Incidents;

namespace Amani.Register.Imports;

/// <summary>
/// One row of a dataset mapped onto Amani's incident fields, before validation and area resolution. Every importer
/// (UCDP GED, ACLED …) produces these; the rest of the pipeline does not know which dataset they came from.
/// </summary>
public sealed record ImportedIncident
{
    public required string ExternalId { get; init; }
    public required string CategoryCode { get; init; }
    public required DateTime OccurredFrom { get; init; }
    public required DateTime OccurredUntil { get; init; }
    public required DatePrecision OccurredPrecision { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public LocationPrecision? LocationPrecision { get; init; }
    public string? PlaceName { get; init; }
    /// <summary>Whether the coordinates are precise enough to find the area by point-in-polygon (else only by name).</summary>
    public bool PointLocatesArea { get; init; }
    /// <summary>Area names to try, most specific first, when the point does not locate the area.</summary>
    public IReadOnlyList<string> AreaNames { get; init; } = [];
    public int? FatalitiesLow { get; init; }
    public int? FatalitiesBest { get; init; }
    public int? FatalitiesHigh { get; init; }
    public int? CivilianFatalities { get; init; }
    public required string Description { get; init; }
    public bool DescriptionPublic { get; init; }
    public Confidence Confidence { get; init; }
    public IReadOnlyList<ImportedActor> Actors { get; init; } = [];

    /// <summary>
    /// SHA-256 (hex) of every imported field and the resolved area: equal hashes mean a re-import would change nothing.
    /// Includes the area, so that a re-import after new boundaries were loaded places the incidents in them.
    /// </summary>
    public string ContentHash(Guid? areaId)
    {
        var text = new StringBuilder();
        void Add(object? value) => text.Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\u001f');
        Add(CategoryCode); Add(OccurredFrom.Ticks); Add(OccurredUntil.Ticks); Add(OccurredPrecision);
        Add(Latitude?.ToString("R", CultureInfo.InvariantCulture)); Add(Longitude?.ToString("R", CultureInfo.InvariantCulture));
        Add(LocationPrecision); Add(PlaceName); Add(areaId);
        Add(FatalitiesLow); Add(FatalitiesBest); Add(FatalitiesHigh); Add(CivilianFatalities);
        Add(Description); Add(DescriptionPublic); Add(Confidence);
        foreach (var actor in Actors)
        {
            Add(actor.Side); Add(actor.Name); Add(actor.Type);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

public sealed record ImportedActor(int Side, string Name, ActorType? Type);

/// <summary>A row mapped onto an incident, or the reason it cannot be (then it goes to the rejects file).</summary>
public readonly record struct MappedRow(ImportedIncident? Incident, string? Rejection)
{
    public static MappedRow Reject(string reason) => new(null, reason);

    public static implicit operator MappedRow(ImportedIncident incident) => new(incident, null);
}
