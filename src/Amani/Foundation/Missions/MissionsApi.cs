using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Missions;

public static class MissionsApi
{
    public static IServiceCollection AddMissions(this IServiceCollection services) => services.AddScoped<MissionRules>();

    public static RouteGroupBuilder MapMissionsApi(this RouteGroupBuilder api)
    {
        var missions = api.MapGroup("/missions").WithTags("Missions");
        missions.MapGet("/", List).WithName("ListMissions").RequirePermission(Permission.MissionsRead);
        missions.MapGet("/{code}", Get).WithName("GetMission").RequirePermission(Permission.MissionsRead);
        missions.MapPost("/", Create).WithName("CreateMission").RequirePermission(Permission.MissionsManage);
        missions.MapPut("/{code}", Update).WithName("UpdateMission").RequirePermission(Permission.MissionsManage);
        return api;
    }

    private static async Task<Ok<List<MissionResponse>>> List(AmaniDbContext db, AccessContext access, CancellationToken cancellationToken)
    {
        var visible = await access.MissionsWithAsync(Permission.MissionsRead, cancellationToken);
        var missions = await db.Missions.AsNoTracking()
            .Where(m => visible == null || visible.Contains(m.Id))
            .OrderBy(m => m.Code)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(missions.Select(MissionResponse.From).ToList());
    }

    private static async Task<Results<Ok<MissionResponse>, ProblemHttpResult>> Get(string code, AmaniDbContext db, AccessContext access,
        CancellationToken cancellationToken) =>
        await MissionLookup.FindVisibleAsync(db, access, code, Permission.MissionsRead, cancellationToken) is { } mission
            ? TypedResults.Ok(MissionResponse.From(mission))
            : Problem.NotFound($"The mission '{code}'");

    private static async Task<Results<Created<MissionResponse>, ValidationProblem>> Create(CreateMissionRequest request, MissionRules rules,
        CancellationToken cancellationToken)
    {
        var result = await rules.CreateAsync(request, cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/missions/{result.Value!.Code}", MissionResponse.From(result.Value))
            : Problem.Invalid(result.Field!, result.Error!);
    }

    private static async Task<Results<Ok<MissionResponse>, ProblemHttpResult, ValidationProblem>> Update(string code, UpdateMissionRequest request,
        AmaniDbContext db, AccessContext access, MissionRules rules, CancellationToken cancellationToken)
    {
        var mission = await db.Missions.FirstOrDefaultAsync(m => m.Code == code.ToUpperInvariant(), cancellationToken);
        if (mission is null || !await access.HasAsync(Permission.MissionsManage, mission.Id, cancellationToken))
            return Problem.NotFound($"The mission '{code}'");
        var result = await rules.UpdateAsync(mission, request, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(MissionResponse.From(result.Value!)) : Problem.Invalid(result.Field!, result.Error!);
    }
}
