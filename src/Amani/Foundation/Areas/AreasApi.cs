using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Areas;

public static class AreasApi
{
    public static IServiceCollection AddAreas(this IServiceCollection services) => services.AddScoped<AreaRules>().AddScoped<AreaImporter>().AddSingleton<BoundaryLayers>();

    public static RouteGroupBuilder MapAreasApi(this RouteGroupBuilder api)
    {
        var areas = api.MapGroup("/missions/{code}/areas").WithTags("Areas");
        areas.MapGet("/", List).WithName("ListAreas").RequirePermission(Permission.AreasRead);
        areas.MapGet("/{pCode}", Get).WithName("GetArea").RequirePermission(Permission.AreasRead);
        areas.MapPost("/", Create).WithName("CreateArea").RequirePermission(Permission.AreasManage);
        areas.MapAreaImport();
        return api;
    }

    private static async Task<Results<Ok<List<AreaResponse>>, ProblemHttpResult>> List(string code, int? level, string? parent,
        AmaniDbContext db, AccessContext access, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.AreasRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var query = db.AdminAreas.AsNoTracking().Where(a => a.MissionId == mission.Id);
        if (level is not null)
            query = query.Where(a => a.Level == level);
        if (!string.IsNullOrWhiteSpace(parent))
            query = query.Where(a => db.Set<AdminArea>().Any(p => p.Id == a.ParentId && p.PCode == parent));
        var areas = await query
            .OrderBy(a => a.Level).ThenBy(a => a.PCode)
            .Select(a => new AreaResponse(a.PCode, a.Name, a.Level, db.Set<AdminArea>().Where(p => p.Id == a.ParentId).Select(p => p.PCode).FirstOrDefault(),
                a.CentroidLatitude, a.CentroidLongitude, a.GeometryGeoJson != null))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(areas);
    }

    private static async Task<Results<Ok<AreaDetailResponse>, ProblemHttpResult>> Get(string code, string pCode, AmaniDbContext db,
        AccessContext access, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.AreasRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var area = await db.AdminAreas.AsNoTracking().FirstOrDefaultAsync(a => a.MissionId == mission.Id && a.PCode == pCode, cancellationToken);
        if (area is null)
            return Problem.NotFound($"The area '{pCode}' in {mission.Code}");
        var parentCode = area.ParentId is null ? null
            : await db.AdminAreas.Where(p => p.Id == area.ParentId).Select(p => p.PCode).FirstAsync(cancellationToken);
        return TypedResults.Ok(ToDetail(area, parentCode));
    }

    private static async Task<Results<Created<AreaDetailResponse>, ProblemHttpResult>> Create(string code,
        CreateAreaRequest request, AmaniDbContext db, AccessContext access, AreaRules rules, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.AreasManage, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var result = await rules.AddAsync(mission, request, cancellationToken);
        if (result.Refusal is { } refused)
            return Problem.Of(refused);
        await db.SaveChangesAsync(cancellationToken);
        var area = result.Value!;
        return TypedResults.Created($"/api/v1/missions/{mission.Code}/areas/{Uri.EscapeDataString(area.PCode)}",
            ToDetail(area, request.ParentPCode?.Trim()));
    }

    private static AreaDetailResponse ToDetail(AdminArea area, string? parentCode) =>
        new(area.PCode, area.Name, area.Level, parentCode, area.CentroidLatitude, area.CentroidLongitude,
            area.GeometryGeoJson is null ? null : JsonDocument.Parse(area.GeometryGeoJson).RootElement.Clone());
}
