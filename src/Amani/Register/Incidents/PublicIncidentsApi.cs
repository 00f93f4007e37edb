using Amani.Platform.Records;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Amani.Foundation.Taxonomy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;

namespace Amani.Register.Incidents;

/// <summary>An incident as the public sees it: no place name, no reporter, no user, coordinates only of the admin-2 area.</summary>
public sealed record PublicIncident(Guid Id, DateTime OccurredAt, DatePrecision OccurredPrecision, string CategoryCode, string CategoryName,
    Confidence Confidence, string? AreaPCode, string? AreaName, double? Latitude, double? Longitude, int? FatalitiesBest, int? CivilianFatalities,
    int? Injured, int? Abducted, int? Displaced, IReadOnlyList<PublicActor> Actors, string? Description);

public sealed record PublicActor(string Name, int Side, ActorType? Type);

public sealed record PublicIncidentPage(IReadOnlyList<PublicIncident> Items, string? NextCursor);

/// <summary>
/// The anonymous, rate-limited public view of a mission's incidents: only <see cref="Confidentiality.Public"/> ones that
/// are not rejected or merged as duplicates. Location is coarsened to the centroid of the admin-2 area (district) that
/// contains it — the incident's own area if it is at level 2, else its level-2 ancestor on the area path; an incident
/// placed only at level 0 or 1, or in no area, has no coordinates. The place name is never shown (free text that can be
/// precise); the description only when <see cref="Incident.DescriptionPublic"/>. Actors are shown by name and ACLED
/// type, as ACLED publishes them. Never who recorded, triaged or reported it.
/// </summary>
public static class PublicIncidentsApi
{
    public const int AdminLevel = 2;

    public static RouteGroupBuilder MapPublicIncidentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/public/missions/{code}/incidents", ListAsync).WithTags("Incidents (public)").WithName("ListPublicIncidents")
            .RequireRateLimiting(RateLimits.Anonymous);
        return api;
    }

    private static async Task<Results<Ok<PublicIncidentPage>, ProblemHttpResult, ValidationProblem>> ListAsync(string code, AmaniDbContext db,
        CancellationToken cancellationToken, DateTimeOffset? from = null, DateTimeOffset? to = null, string? category = null, string? area = null,
        string? cursor = null, int? limit = null)
    {
        var normalized = code.Trim().ToUpperInvariant();
        var missionId = await db.Missions.Where(m => m.Code == normalized).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (missionId is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var query = Published(db, mission);
        if (!string.IsNullOrWhiteSpace(area))
        {
            var path = await db.AdminAreas.Where(a => a.MissionId == mission && a.PCode == area.Trim()).Select(a => a.Path).FirstOrDefaultAsync(cancellationToken);
            if (path is null)
                return Problem.Invalid("area", $"There is no area {area} in {normalized}.");
            query = query.Where(i => db.Set<AdminArea>().Any(a => a.Id == i.AreaId && a.Path.StartsWith(path)));
        }
        if (from is { } start)
            query = query.Where(i => i.OccurredUntil >= start.UtcDateTime);
        if (to is { } end)
            query = query.Where(i => i.OccurredFrom <= end.UtcDateTime);
        if (!string.IsNullOrWhiteSpace(category))
            query = query.Where(i => i.CategoryCode == category || i.CategoryCode.StartsWith(category + "."));
        if (cursor is not null)
        {
            if (!Paging.TryParseCursor(cursor, out var after))
                return Problem.Invalid("cursor", "The cursor is not one this server gave out; start again without it.");
            query = query.Where(i => i.OccurredFrom < after.At || (i.OccurredFrom == after.At && i.Id.CompareTo(after.Id) < 0));
        }
        var size = Paging.Size(limit);
        var rows = await query.OrderByDescending(i => i.OccurredFrom).ThenByDescending(i => i.Id).Take(size + 1).Include(i => i.Actors)
            .AsSplitQuery().ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var districts = await DistrictsAsync(db, mission, page, cancellationToken);
        var items = page.Select(i => ToPublic(i, i.AreaId is { } id ? districts.GetValueOrDefault(id) : null)).ToList();
        return TypedResults.Ok(new PublicIncidentPage(items, rows.Count > size ? Paging.Cursor(page[^1].OccurredFrom, page[^1].Id) : null));
    }

    /// <summary>The incidents of <paramref name="mission"/> the public may see: public, neither rejected nor a merged duplicate.</summary>
    internal static IQueryable<Incident> Published(AmaniDbContext db, Guid mission) =>
        db.Incidents.AsNoTracking().Where(i => i.MissionId == mission && i.Confidentiality == Confidentiality.Public
            && i.Status != IncidentStatus.Rejected && i.Status != IncidentStatus.Duplicate);

    /// <summary>A level-2 area (district) as the public sees it: code, name and centroid.</summary>
    public sealed record District(string PCode, string Name, double? Latitude, double? Longitude);

    /// <summary>
    /// The district an area lies in, from the area's path ("/CF/CF.AA/CF.AA.01/…/"): the one among its P-codes that is a
    /// level-2 area (null for areas above level 2). This is the whole of the public coarsening.
    /// </summary>
    public static District? DistrictOf(string areaPath, IReadOnlyDictionary<string, District> districtsByPCode) =>
        areaPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(districtsByPCode.GetValueOrDefault).FirstOrDefault(d => d is not null);

    /// <summary>For each area of the page, the level-2 area it is or lies in (areas above level 2 have none).</summary>
    private static async Task<Dictionary<Guid, District>> DistrictsAsync(AmaniDbContext db, Guid mission, List<Incident> page,
        CancellationToken cancellationToken)
    {
        var areaIds = page.Where(i => i.AreaId != null).Select(i => i.AreaId!.Value).Distinct().ToList();
        var areas = await db.AdminAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id) && a.Level >= AdminLevel)
            .Select(a => new { a.Id, a.Path }).ToListAsync(cancellationToken);
        // Path lists the P-codes from the root ("/CF/CF.AA/CF.AA.01/…/"): the district is the one among them at level 2.
        var ancestors = areas.ToDictionary(a => a.Id, a => a.Path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var wanted = ancestors.Values.SelectMany(p => p).Distinct().ToList();
        var districts = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == mission && a.Level == AdminLevel && wanted.Contains(a.PCode))
            .Select(a => new District(a.PCode, a.Name, a.CentroidLatitude, a.CentroidLongitude)).ToListAsync(cancellationToken);
        var byCode = districts.ToDictionary(d => d.PCode);
        return areas.Select(a => (a.Id, District: DistrictOf(a.Path, byCode))).Where(a => a.District is not null).ToDictionary(a => a.Id, a => a.District!);
    }

    private static PublicIncident ToPublic(Incident i, District? district) => new(
        i.Id, i.OccurredFrom, i.OccurredPrecision, i.CategoryCode, Categories.Find(i.CategoryCode)?.Name ?? i.CategoryCode, i.Confidence,
        district?.PCode, district?.Name, district?.Latitude, district?.Longitude, i.FatalitiesBest, i.CivilianFatalities, i.Injured, i.Abducted,
        i.Displaced, i.Actors.OrderBy(a => a.Side).ThenBy(a => a.Name, StringComparer.Ordinal).Select(a => new PublicActor(a.Name, a.Side, a.Type)).ToList(),
        i.DescriptionPublic ? i.Description : null);
}
