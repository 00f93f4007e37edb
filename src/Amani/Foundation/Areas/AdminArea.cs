using Amani.Platform.Audit;
namespace Amani.Foundation.Areas;

/// <summary>
/// An administrative area of a mission's country (level 0 = country, 1 = province/prefecture, 2 = district …).
/// <see cref="Path"/> is the materialised path of P-codes from the root ("/CF/CF.NM/CF.NM.AB/"), so a subtree is a
/// prefix query.
/// </summary>
public sealed class AdminArea
{
    /// <summary>What audit rows about these records name (<c>admin_area</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("admin_area");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public int Level { get; set; }
    /// <summary>Place code, unique within the mission (OCHA P-code, or the HASC code where none exists).</summary>
    public required string PCode { get; set; }
    public required string Name { get; set; }
    /// <summary>Other names of the area (English, French, local variants), separated by '|', for name matching.</summary>
    public string? AlternativeNames { get; set; }
    public Guid? ParentId { get; set; }
    public required string Path { get; set; }
    /// <summary>Boundary as a GeoJSON geometry object (WGS84), when known.</summary>
    public string? GeometryGeoJson { get; set; }
    public double? CentroidLatitude { get; set; }
    public double? CentroidLongitude { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>
    /// Raised whenever the area's name, other names, boundary or parent change (a new area starts at 1): the served
    /// boundary layers (<see cref="BoundaryLayers"/>) are cached per mission by the number of areas and the sum of their
    /// revisions, which every insert and every change moves, on every node.
    /// </summary>
    public int Revision { get; set; } = 1;

    public static string ChildPath(string? parentPath, string pCode) => $"{parentPath ?? "/"}{pCode}/";
}
