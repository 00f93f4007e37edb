using Amani.Data;
using Amani.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Amani.Exports;

/// <summary>
/// The admin areas of one mission (without their boundaries), held for the length of an export to name each incident's
/// admin-1 and admin-2 areas and, for the public, its district (<see cref="PublicIncidentsApi.DistrictOf"/>).
/// </summary>
internal sealed class ExportAreas
{
    private sealed record Area(Guid Id, int Level, string PCode, string Name, string Path);

    private readonly Dictionary<Guid, Area> _byId;
    private readonly Dictionary<string, Area> _byPCode;
    private readonly Dictionary<string, PublicIncidentsApi.District> _districts;

    private ExportAreas(List<Area> areas, List<PublicIncidentsApi.District> districts)
    {
        _byId = areas.ToDictionary(a => a.Id);
        _byPCode = areas.ToDictionary(a => a.PCode, StringComparer.Ordinal);
        _districts = districts.ToDictionary(d => d.PCode, StringComparer.Ordinal);
    }

    public static async Task<ExportAreas> LoadAsync(AmaniDbContext db, Guid missionId, CancellationToken cancellationToken)
    {
        var areas = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == missionId)
            .Select(a => new Area(a.Id, a.Level, a.PCode, a.Name, a.Path)).ToListAsync(cancellationToken);
        var districts = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == missionId && a.Level == PublicIncidentsApi.AdminLevel)
            .Select(a => new PublicIncidentsApi.District(a.PCode, a.Name, a.CentroidLatitude, a.CentroidLongitude)).ToListAsync(cancellationToken);
        return new ExportAreas(areas, districts);
    }

    /// <summary>The area at <paramref name="level"/> on the path of the area <paramref name="areaId"/> (itself included), if any.</summary>
    public (string PCode, string Name)? Ancestor(Guid? areaId, int level) =>
        areaId is { } id && _byId.TryGetValue(id, out var area) ? AncestorAt(area.PCode, level) : null;

    public (string PCode, string Name)? AncestorAt(string pCode, int level)
    {
        if (!_byPCode.TryGetValue(pCode, out var area))
            return null;
        foreach (var code in area.Path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            if (_byPCode.TryGetValue(code, out var step) && step.Level == level)
                return (step.PCode, step.Name);
        return null;
    }

    /// <summary>The district the public sees for an incident in <paramref name="areaId"/>, coarsened as the public list does.</summary>
    public PublicIncidentsApi.District? DistrictOf(Guid? areaId) =>
        areaId is { } id && _byId.TryGetValue(id, out var area) && area.Level >= PublicIncidentsApi.AdminLevel
            ? PublicIncidentsApi.DistrictOf(area.Path, _districts)
            : null;
}
