using Amani.Platform.Data;
using Amani.Register.Incidents;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;

namespace Amani.Register.Exports;

/// <summary>
/// The admin areas of one mission (without their boundaries), held for the length of an export to name each incident's
/// admin-1 and admin-2 areas and, for the public, its district (<see cref="PublicIncidentsApi.DistrictOf"/>) — worked
/// out once per area when loaded, so that each row costs one lookup.
/// </summary>
internal sealed class ExportAreas
{
    /// <summary>An area's P-code and name.</summary>
    public sealed record Named(string PCode, string Name);

    /// <summary>
    /// What the exports show for an incident in one area: its admin-1 and admin-2 ancestors (itself included), and for the
    /// public its district (<see cref="PublicIncidentsApi.DistrictOf"/>, null above level 2) and that district's province.
    /// </summary>
    public sealed record Names(Named? Adm1, Named? Adm2, PublicIncidentsApi.District? District, Named? DistrictProvince);

    private sealed record Area(Guid Id, int Level, string PCode, string Name, string Path);

    private readonly Dictionary<Guid, Names> _byId;

    private ExportAreas(Dictionary<Guid, Names> byId) => _byId = byId;

    public static async Task<ExportAreas> LoadAsync(AmaniDbContext db, Guid missionId, CancellationToken cancellationToken)
    {
        var areas = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == missionId)
            .Select(a => new Area(a.Id, a.Level, a.PCode, a.Name, a.Path)).ToListAsync(cancellationToken);
        var districts = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == missionId && a.Level == PublicIncidentsApi.AdminLevel)
            .Select(a => new PublicIncidentsApi.District(a.PCode, a.Name, a.CentroidLatitude, a.CentroidLongitude)).ToListAsync(cancellationToken);
        var byPCode = areas.ToDictionary(a => a.PCode, StringComparer.Ordinal);
        var districtsByPCode = districts.ToDictionary(d => d.PCode, StringComparer.Ordinal);

        Named? AncestorAt(string pCode, int level)
        {
            if (!byPCode.TryGetValue(pCode, out var area))
                return null;
            foreach (var code in area.Path.Split('/', StringSplitOptions.RemoveEmptyEntries))
                if (byPCode.TryGetValue(code, out var step) && step.Level == level)
                    return new Named(step.PCode, step.Name);
            return null;
        }

        return new ExportAreas(areas.ToDictionary(a => a.Id, a =>
        {
            var district = a.Level >= PublicIncidentsApi.AdminLevel ? PublicIncidentsApi.DistrictOf(a.Path, districtsByPCode) : null;
            return new Names(AncestorAt(a.PCode, 1), AncestorAt(a.PCode, 2), district, district is null ? null : AncestorAt(district.PCode, 1));
        }));
    }

    /// <summary>The names of the area <paramref name="areaId"/>; null when the incident has no area (or it is not the mission's).</summary>
    public Names? Of(Guid? areaId) => areaId is { } id ? _byId.GetValueOrDefault(id) : null;
}
