using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Records;
using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Areas;

/// <summary>Adding admin areas to a mission's hierarchy; shared by the API, the demo and (later) boundary imports.</summary>
public sealed class AreaRules(AmaniDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>
    /// Adds the area to the change tracker (with its audit row); the caller saves, so a batch is one transaction. A rule
    /// the request breaks (P-code taken, unknown parent, level not below the parent's, bad geometry) is an invalid
    /// <see cref="Refusal"/> naming the field, and adds nothing.
    /// </summary>
    public async Task<Outcome<AdminArea>> AddAsync(Mission mission, CreateAreaRequest request, CancellationToken cancellationToken)
    {
        var pCode = request.PCode.Trim();
        if (await db.AdminAreas.AnyAsync(a => a.MissionId == mission.Id && a.PCode == pCode, cancellationToken) ||
            db.AdminAreas.Local.Any(a => a.MissionId == mission.Id && a.PCode == pCode))
            return Refusal.Invalid("pCode", $"The area {pCode} already exists in {mission.Code}.");

        AdminArea? parent = null;
        if (!string.IsNullOrWhiteSpace(request.ParentPCode))
        {
            var parentCode = request.ParentPCode.Trim();
            parent = db.AdminAreas.Local.FirstOrDefault(a => a.MissionId == mission.Id && a.PCode == parentCode)
                     ?? await db.AdminAreas.FirstOrDefaultAsync(a => a.MissionId == mission.Id && a.PCode == parentCode, cancellationToken);
            if (parent is null)
                return Refusal.Invalid("parentPCode", $"There is no area {parentCode} in {mission.Code}; add the parent first.");
            if (parent.Level >= request.Level)
                return Refusal.Invalid("level", $"The area's level ({request.Level}) must be greater than its parent's ({parent.Level}).");
        }

        string? geometryJson = null;
        var (latitude, longitude) = (request.CentroidLatitude, request.CentroidLongitude);
        if (request.Geometry is { ValueKind: not System.Text.Json.JsonValueKind.Null } geometry)
        {
            if (!GeoJsonGeometry.TryRead(geometry, out var shape, out var error))
                return Refusal.Invalid("geometry", error);
            if (shape!.NumPoints > AreaLimits.MaxVerticesPerArea)
                return Refusal.Invalid("geometry", $"The boundary has {AreaLimits.Count(shape.NumPoints)} positions; an area's boundary may have at most " +
                    $"{AreaLimits.Count(AreaLimits.MaxVerticesPerArea)}. Simplify it (e.g. mapshaper's -simplify, or QGIS's Simplify) and send it again.");
            geometryJson = geometry.GetRawText();
            if (latitude is null || longitude is null)
                (latitude, longitude) = GeoJsonGeometry.LabelPoint(shape!);
        }

        var area = Place(mission, request.Level, pCode, request.Name.Trim(), parent, geometryJson,
            latitude is null || longitude is null ? null : (latitude.Value, longitude.Value), alternativeNames: null);
        audit.Record(AuditAction.AreaCreated, AdminArea.AuditEntity, area.Id, $"Area {pCode} '{area.Name}' (level {area.Level}) added to {mission.Code}.");
        return Outcome<AdminArea>.Ok(area);
    }

    /// <summary>
    /// Adds an area whose input is already checked (P-code free, parent one level up or more) to the change tracker,
    /// without an audit row: the caller records one — per area (<see cref="AddAsync"/>) or per import (<see cref="AreaImporter"/>).
    /// </summary>
    public AdminArea Place(Mission mission, int level, string pCode, string name, AdminArea? parent, string? geometryJson,
        (double Latitude, double Longitude)? labelPoint, string? alternativeNames)
    {
        var area = new AdminArea
        {
            MissionId = mission.Id,
            Level = level,
            PCode = pCode,
            Name = name,
            AlternativeNames = alternativeNames,
            ParentId = parent?.Id,
            Path = AdminArea.ChildPath(parent?.Path, pCode),
            GeometryGeoJson = geometryJson,
            CentroidLatitude = labelPoint?.Latitude,
            CentroidLongitude = labelPoint?.Longitude,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AdminAreas.Add(area);
        return area;
    }

    /// <summary>
    /// Changes an existing area's name, boundary or parent (rewriting the materialised path of its subtree when the
    /// parent changes). Returns false when nothing differs. No audit row: the caller records it.
    /// </summary>
    public async Task<bool> ReviseAsync(AdminArea area, string name, AdminArea? parent, string? geometryJson,
        (double Latitude, double Longitude)? labelPoint, string? alternativeNames, CancellationToken cancellationToken)
    {
        var geometryChanged = area.GeometryGeoJson != geometryJson;
        if (area.Name == name && area.ParentId == parent?.Id && !geometryChanged && area.AlternativeNames == alternativeNames)
            return false;
        area.Name = name;
        area.AlternativeNames = alternativeNames;
        area.Revision++;
        if (geometryChanged)
            (area.GeometryGeoJson, area.CentroidLatitude, area.CentroidLongitude) = (geometryJson, labelPoint?.Latitude, labelPoint?.Longitude);
        if (area.ParentId != parent?.Id)
        {
            var (oldPath, newPath) = (area.Path, AdminArea.ChildPath(parent?.Path, area.PCode));
            var subtree = await db.AdminAreas.Where(a => a.MissionId == area.MissionId && a.Id != area.Id && a.Path.StartsWith(oldPath))
                .ToListAsync(cancellationToken);
            foreach (var descendant in subtree)
                descendant.Path = newPath + descendant.Path[oldPath.Length..];
            (area.ParentId, area.Path) = (parent?.Id, newPath);
        }
        return true;
    }
}
