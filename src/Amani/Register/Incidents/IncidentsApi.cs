using Amani.Platform.Records;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Amani.Foundation.Taxonomy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Incidents;

public static class IncidentsApi
{
    public static IServiceCollection AddIncidents(this IServiceCollection services) => services.AddScoped<IncidentRules>();

    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/categories", () => TypedResults.Ok(Categories.All)).WithTags("Incidents").WithName("ListCategories");
        var mission = api.MapGroup("/missions/{code}/incidents").WithTags("Incidents");
        mission.MapGet("/", IncidentQueries.ListAsync).WithName("ListIncidents").RequirePermission(Permission.IncidentsRead);
        mission.MapPost("/", Create).WithName("RecordIncident").RequirePermission(Permission.IncidentsRecord);
        var incidents = api.MapGroup("/incidents/{id:guid}").WithTags("Incidents");
        incidents.MapGet("/", Get).WithName("GetIncident").RequirePermission(Permission.IncidentsRead);
        incidents.MapPut("/", Update).WithName("UpdateIncident").RequirePermission(Permission.IncidentsRecord);
        incidents.MapPost("/transitions", Transition).WithName("TransitionIncident").RequirePermission(IncidentWorkflow.Moves.Permission);
        incidents.MapPost("/publication", Publish).WithName("PublishIncidentDescription").RequirePermission(Permission.IncidentsPublish);
        incidents.MapPost("/assignment", Assign).WithName("AssignIncident").RequirePermission(Permission.IncidentsTriage);
        api.MapPublicIncidentsApi();
        return api;
    }

    private static async Task<Results<Created<IncidentResponse>, ProblemHttpResult, ValidationProblem>> Create(string code, IncidentInput input,
        AmaniDbContext db, AccessContext access, IncidentRules rules, IIncidentLinks links, HttpContext http, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.IncidentsRecord, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var result = await rules.CreateAsync(mission, input, access.UserId!.Value, cancellationToken);
        if (result.Refusal is { } refused)
            return Problem.Of(refused);
        http.RequestServices.GetRequiredService<Platform.Records.MissionDataSignal>().Committed(mission.Id);
        http.Response.Headers.ETag = Versioning.ETag(result.Value!.Version);
        return TypedResults.Created($"/api/v1/incidents/{result.Value.Id}", await IncidentViews.DetailAsync(db, links, access, mission, result.Value, cancellationToken));
    }

    private static async Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> Get(Guid id, AmaniDbContext db, AccessContext access, IIncidentLinks links,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindVisibleAsync(db, access, id, tracked: false, cancellationToken) is not var (mission, incident))
            return Problem.NotFound($"The incident {id}");
        http.Response.Headers.ETag = Versioning.ETag(incident.Version);
        return TypedResults.Ok(await IncidentViews.DetailAsync(db, links, access, mission, incident, cancellationToken));
    }

    private static async Task<Results<Ok<IncidentResponse>, ProblemHttpResult, ValidationProblem>> Update(Guid id, IncidentInput input,
        AmaniDbContext db, AccessContext access, IncidentRules rules, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindVisibleAsync(db, access, id, tracked: true, cancellationToken) is not var (mission, incident))
            return Problem.NotFound($"The incident {id}");
        if (!await MayEditAsync(access, mission, incident, cancellationToken))
            return Problem.Forbidden("Only whoever recorded an incident, or a duty officer of its mission, can edit it.");
        return await VersionedAsync(http, db, mission, expected => rules.UpdateAsync(mission, incident, expected, input, cancellationToken),
            cancellationToken);
    }

    private static async Task<Results<Ok<IncidentResponse>, ProblemHttpResult, ValidationProblem>> Transition(Guid id, TransitionRequest request,
        AmaniDbContext db, AccessContext access, IncidentRules rules, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindManageableAsync(db, access, id, cancellationToken) is not var (mission, incident))
            return Problem.NotFound($"The incident {id}");
        return await VersionedAsync(http, db, mission, expected => rules.TransitionAsync(incident, expected, request, cancellationToken),
            cancellationToken);
    }

    /// <summary>Approves the publication of the description someone else asked for (If-Match required).</summary>
    private static async Task<Results<Ok<IncidentResponse>, ProblemHttpResult, ValidationProblem>> Publish(Guid id,
        AmaniDbContext db, AccessContext access, IncidentRules rules, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindVisibleAsync(db, access, id, tracked: true, cancellationToken) is not var (mission, incident)
            || !await access.HasAsync(Permission.IncidentsPublish, mission.Id, cancellationToken))
            return Problem.NotFound($"The incident {id}");
        return await VersionedAsync(http, db, mission, expected => rules.PublishAsync(incident, expected, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Ok<IncidentResponse>, ProblemHttpResult, ValidationProblem>> Assign(Guid id, AssignmentRequest request,
        AmaniDbContext db, AccessContext access, IncidentRules rules, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindManageableAsync(db, access, id, cancellationToken) is not var (mission, incident))
            return Problem.NotFound($"The incident {id}");
        return await VersionedAsync(http, db, mission, expected => rules.AssignAsync(incident, expected, request.UserId, cancellationToken),
            cancellationToken);
    }

    /// <summary>Runs a change guarded by If-Match: 428 without it, else the refusal's problem (412 when stale, 400 on a rule violation), else the new state and ETag.</summary>
    internal static async Task<Results<Ok<IncidentResponse>, ProblemHttpResult, ValidationProblem>> VersionedAsync(HttpContext http, AmaniDbContext db,
        Mission mission, Func<int, Task<Outcome<Incident>>> change, CancellationToken cancellationToken)
    {
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the incident's ETag in If-Match (GET the incident to read it).");
        var result = await change(expected);
        if (result.Refusal is { } refused)
            return Problem.Of(refused);
        http.RequestServices.GetRequiredService<Platform.Records.MissionDataSignal>().Committed(mission.Id);
        http.Response.Headers.ETag = Versioning.ETag(result.Value!.Version);
        return TypedResults.Ok(await IncidentViews.DetailAsync(db, http.RequestServices.GetRequiredService<IIncidentLinks>(),
            http.RequestServices.GetRequiredService<AccessContext>(), mission, result.Value,
            cancellationToken));
    }

    /// <summary>The incident and its mission if the caller may see it (else null: answer 404, existence is secret).</summary>
    internal static async Task<(Mission, Incident)?> FindVisibleAsync(AmaniDbContext db, AccessContext access, Guid id, bool tracked,
        CancellationToken cancellationToken)
    {
        var missionId = await db.Incidents.Where(i => i.Id == id).Select(i => (Guid?)i.MissionId).FirstOrDefaultAsync(cancellationToken);
        if (missionId is null)
            return null;
        var visible = (await IncidentVisibility.VisibleAsync(db, access, missionId.Value, cancellationToken)).Where(i => i.Id == id)
            .Include(i => i.Actors).Include(i => i.Grants);
        var incident = await (tracked ? visible : visible.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        if (incident is null)
            return null;
        return (await db.Missions.AsNoTracking().FirstAsync(m => m.Id == incident.MissionId, cancellationToken), incident);
    }

    /// <summary>Whoever recorded an incident may edit it, and a duty officer (incidents:triage) of its mission.</summary>
    internal static async Task<bool> MayEditAsync(AccessContext access, Mission mission, Incident incident, CancellationToken cancellationToken) =>
        incident.RecordedByUserId == access.UserId || await access.HasAsync(Permission.IncidentsTriage, mission.Id, cancellationToken);

    internal static async Task<(Mission, Incident)?> FindManageableAsync(AmaniDbContext db, AccessContext access, Guid id, CancellationToken cancellationToken) =>
        await FindVisibleAsync(db, access, id, tracked: true, cancellationToken) is var (mission, incident) &&
        await access.HasAsync(Permission.IncidentsTriage, mission.Id, cancellationToken)
            ? (mission, incident)
            : null;
}
