using Amani.Foundation.Missions;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Amani.Platform.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Plans;

/// <summary>The plan's endpoints: a mission's versions, the current plan (its tree with each indicator's status), a version, its tree's edits, the next version, activation.</summary>
public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        var mission = api.MapGroup("/missions/{code}").WithTags("Results");
        mission.MapGet("/plans", List).WithName("ListPlans").RequirePermission(Permission.ResultsRead);
        mission.MapPost("/plans", Create).WithName("CreatePlan").RequirePermission(Permission.ResultsManage);
        mission.MapGet("/plan", Current).WithName("GetCurrentPlan").RequirePermission(Permission.ResultsRead);
        var plan = api.MapGroup("/plans/{id:guid}").WithTags("Results");
        plan.MapGet("/", Get).WithName("GetPlan").RequirePermission(Permission.ResultsRead);
        plan.MapPost("/next", Next).WithName("StartNextPlan").RequirePermission(Permission.ResultsManage);
        plan.MapPost("/activation", Activate).WithName("ActivatePlan").RequirePermission(Permission.ResultsManage);
        plan.MapPost("/nodes", AddNode).WithName("AddPlanNode").RequirePermission(Permission.ResultsManage);
        plan.MapPut("/nodes/{nodeId:guid}", UpdateNode).WithName("UpdatePlanNode").RequirePermission(Permission.ResultsManage);
        plan.MapDelete("/nodes/{nodeId:guid}", RemoveNode).WithName("RemovePlanNode").RequirePermission(Permission.ResultsManage);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<PlanSummary>>, ProblemHttpResult>> List(string code, AmaniDbContext db, AccessContext access, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ResultsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var plans = await db.Set<Plan>().AsNoTracking().Where(p => p.MissionId == mission.Id).OrderByDescending(p => p.Number).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PlanSummary>>(plans.Select(PlanQueries.Summary).ToList());
    }

    private static async Task<Results<Created<PlanResponse>, ProblemHttpResult, ValidationProblem>> Create(string code, PlanInput input, AmaniDbContext db,
        AccessContext access, PlanRules rules, PlanViews views, HttpContext http, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ResultsManage, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var result = await rules.CreateAsync(mission.Id, input, access.UserId!.Value, cancellationToken);
        if (result.Refusal is { } refused)
            return Problem.Of(refused);
        http.Response.Headers.ETag = Versioning.ETag(result.Value!.Version);
        return TypedResults.Created($"/api/v1/plans/{result.Value.Id}", await views.OfAsync(result.Value, cancellationToken));
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> Current(string code, AmaniDbContext db, AccessContext access, PlanViews views,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ResultsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        if (await PlanQueries.CurrentAsync(db, mission.Id, cancellationToken) is not { } plan)
            return Problem.NotFound($"The plan of {mission.Code} (it has none yet)");
        http.Response.Headers.ETag = Versioning.ETag(plan.Version);
        return TypedResults.Ok(await views.OfAsync(plan, cancellationToken));
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> Get(Guid id, PlanViews views, HttpContext http, CancellationToken cancellationToken)
    {
        if (await views.FindAsync(id, Permission.ResultsRead, cancellationToken) is not { } plan)
            return Problem.NotFound($"The plan {id}");
        http.Response.Headers.ETag = Versioning.ETag(plan.Version);
        return TypedResults.Ok(await views.OfAsync(plan, cancellationToken));
    }

    private static async Task<Results<Created<PlanResponse>, ProblemHttpResult, ValidationProblem>> Next(Guid id, NextPlanInput input, PlanViews views,
        PlanRules rules, AccessContext access, HttpContext http, CancellationToken cancellationToken)
    {
        if (await views.FindAsync(id, Permission.ResultsManage, cancellationToken) is not { } plan)
            return Problem.NotFound($"The plan {id}");
        var result = await rules.NextAsync(plan, input, access.UserId!.Value, cancellationToken);
        if (result.Refusal is { } refused)
            return Problem.Of(refused);
        http.Response.Headers.ETag = Versioning.ETag(result.Value!.Version);
        return TypedResults.Created($"/api/v1/plans/{result.Value.Id}", await views.OfAsync(result.Value, cancellationToken));
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult, ValidationProblem>> Activate(Guid id, PlanViews views, PlanRules rules,
        HttpContext http, CancellationToken cancellationToken) =>
        await views.FindAsync(id, Permission.ResultsManage, cancellationToken, tracked: true) is not { } plan
            ? Problem.NotFound($"The plan {id}")
            : await VersionedAsync(http, views, plan, expected => rules.ActivateAsync(plan, expected, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult, ValidationProblem>> AddNode(Guid id, NodeInput input, PlanViews views, PlanRules rules,
        HttpContext http, CancellationToken cancellationToken) =>
        await views.FindAsync(id, Permission.ResultsManage, cancellationToken, tracked: true) is not { } plan
            ? Problem.NotFound($"The plan {id}")
            : await VersionedAsync(http, views, plan, async expected => Lift(plan, await rules.AddNodeAsync(plan, expected, input, cancellationToken)), cancellationToken);

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult, ValidationProblem>> UpdateNode(Guid id, Guid nodeId, NodeInput input, PlanViews views,
        PlanRules rules, HttpContext http, CancellationToken cancellationToken) =>
        await views.FindAsync(id, Permission.ResultsManage, cancellationToken, tracked: true) is not { } plan
            ? Problem.NotFound($"The plan {id}")
            : await VersionedAsync(http, views, plan, async expected => Lift(plan, await rules.UpdateNodeAsync(plan, expected, nodeId, input, cancellationToken)), cancellationToken);

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult, ValidationProblem>> RemoveNode(Guid id, Guid nodeId, Guid? recommendationId, PlanViews views,
        PlanRules rules, HttpContext http, CancellationToken cancellationToken) =>
        await views.FindAsync(id, Permission.ResultsManage, cancellationToken, tracked: true) is not { } plan
            ? Problem.NotFound($"The plan {id}")
            : await VersionedAsync(http, views, plan, async expected => Lift(plan, await rules.RemoveNodeAsync(plan, expected, nodeId, recommendationId, cancellationToken)), cancellationToken);

    private static Outcome<Plan> Lift(Plan plan, Outcome<PlanNode> outcome) => outcome.Refusal is { } refused ? refused : Outcome<Plan>.Ok(plan);

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult, ValidationProblem>> VersionedAsync(HttpContext http, PlanViews views, Plan plan,
        Func<int, Task<Outcome<Plan>>> change, CancellationToken cancellationToken)
    {
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the plan's ETag in If-Match (GET the plan to read it).");
        var result = await change(expected);
        if (result.Refusal is { } refused)
            return Problem.Of(refused);
        http.Response.Headers.ETag = Versioning.ETag(result.Value!.Version);
        return TypedResults.Ok(await views.OfAsync(result.Value, cancellationToken));
    }
}
