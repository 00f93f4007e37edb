using Amani.Foundation.Missions;
using Amani.Governance.Results.Plans;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Problems;
using Amani.Platform.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Assessments;

/// <summary>
/// The assessments' endpoints: a mission's assessments, one assessment (its frame, findings, ratings, recommendations),
/// their changes (If-Match on the assessment's version), the leadership's decision on a recommendation, finalization, and
/// "adapt" (the plan's next version). Read with results:read (mission staff; partners 403), written with results:manage.
/// </summary>
public static class AssessmentsApi
{
    public static RouteGroupBuilder MapAssessmentsApi(this RouteGroupBuilder api)
    {
        var mission = api.MapGroup("/missions/{code}/assessments").WithTags("Results");
        mission.MapGet("/", List).WithName("ListAssessments").RequirePermission(Permission.ResultsRead);
        mission.MapPost("/", Create).WithName("CreateAssessment").RequirePermission(Permission.ResultsManage);
        var one = api.MapGroup("/assessments/{id:guid}").WithTags("Results");
        one.MapGet("/", Get).WithName("GetAssessment").RequirePermission(Permission.ResultsRead);
        one.MapPut("/", Update).WithName("UpdateAssessment").RequirePermission(Permission.ResultsManage);
        one.MapPost("/findings", AddFinding).WithName("AddAssessmentFinding").RequirePermission(Permission.ResultsManage);
        one.MapPut("/findings/{findingId:guid}", UpdateFinding).WithName("UpdateAssessmentFinding").RequirePermission(Permission.ResultsManage);
        one.MapPut("/ratings", SetRatings).WithName("SetAssessmentRatings").RequirePermission(Permission.ResultsManage);
        one.MapPost("/recommendations", AddRecommendation).WithName("AddRecommendation").RequirePermission(Permission.ResultsManage);
        one.MapPost("/finalization", MakeFinal).WithName("FinalizeAssessment").RequirePermission(Permission.ResultsManage);
        one.MapPost("/adapt", Adapt).WithName("AdaptPlan").RequirePermission(Permission.ResultsManage);
        api.MapPost("/recommendations/{id:guid}/decision", Decide).WithName("DecideRecommendation").WithTags("Results").RequirePermission(Permission.ResultsManage);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<AssessmentSummary>>, ProblemHttpResult>> List(string code, AmaniDbContext db, AccessContext access,
        AssessmentViews views, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ResultsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        if (await views.ReadRefusalAsync(mission.Id, cancellationToken) is { } refused)
            return Problem.Of(refused);
        return TypedResults.Ok(await views.ListAsync(mission.Id, cancellationToken));
    }

    private static async Task<Results<Created<AssessmentResponse>, ProblemHttpResult, ValidationProblem>> Create(string code, AssessmentInput input,
        AmaniDbContext db, AccessContext access, AssessmentRules rules, AssessmentViews views, HttpContext http, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ResultsManage, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var result = await rules.CreateAsync(mission.Id, input, access.UserId!.Value, cancellationToken);
        if (result.Refusal is { } refused)
            return Problem.Of(refused);
        http.Response.Headers.ETag = Versioning.ETag(result.Value!.Version);
        return TypedResults.Created($"/api/v1/assessments/{result.Value.Id}", await views.OfAsync(result.Value, cancellationToken));
    }

    private static async Task<Results<Ok<AssessmentResponse>, ProblemHttpResult>> Get(Guid id, AssessmentViews views, HttpContext http,
        CancellationToken cancellationToken)
    {
        var found = await views.FindAsync(id, Permission.ResultsRead, tracked: false, cancellationToken);
        if (found.Refusal is { } refused)
            return Problem.Of(refused);
        http.Response.Headers.ETag = Versioning.ETag(found.Value!.Version);
        return TypedResults.Ok(await views.OfAsync(found.Value, cancellationToken));
    }

    private static Task<Results<Ok<AssessmentResponse>, ProblemHttpResult, ValidationProblem>> Update(Guid id, AssessmentInput input, AssessmentViews views,
        AssessmentRules rules, HttpContext http, CancellationToken cancellationToken) =>
        ChangeAsync(id, views, http, (a, expected) => rules.UpdateAsync(a, expected, input, cancellationToken), cancellationToken);

    private static Task<Results<Ok<AssessmentResponse>, ProblemHttpResult, ValidationProblem>> AddFinding(Guid id, FindingInput input, AssessmentViews views,
        AssessmentRules rules, HttpContext http, CancellationToken cancellationToken) =>
        ChangeAsync(id, views, http, (a, expected) => rules.AddFindingAsync(a, expected, input, cancellationToken), cancellationToken);

    private static Task<Results<Ok<AssessmentResponse>, ProblemHttpResult, ValidationProblem>> UpdateFinding(Guid id, Guid findingId, FindingInput input,
        AssessmentViews views, AssessmentRules rules, HttpContext http, CancellationToken cancellationToken) =>
        ChangeAsync(id, views, http, (a, expected) => rules.UpdateFindingAsync(a, expected, findingId, input, cancellationToken), cancellationToken);

    private static Task<Results<Ok<AssessmentResponse>, ProblemHttpResult, ValidationProblem>> SetRatings(Guid id, IReadOnlyList<RatingInput> input,
        AssessmentViews views, AssessmentRules rules, HttpContext http, CancellationToken cancellationToken) =>
        ChangeAsync(id, views, http, (a, expected) => rules.SetRatingsAsync(a, expected, input, cancellationToken), cancellationToken);

    private static Task<Results<Ok<AssessmentResponse>, ProblemHttpResult, ValidationProblem>> AddRecommendation(Guid id, RecommendationInput input,
        AssessmentViews views, RecommendationRules rules, HttpContext http, CancellationToken cancellationToken) =>
        ChangeAsync(id, views, http, async (a, expected) => Lift(a, await rules.AddAsync(a, expected, input, cancellationToken)), cancellationToken);

    private static Task<Results<Ok<AssessmentResponse>, ProblemHttpResult, ValidationProblem>> MakeFinal(Guid id, AssessmentViews views, AssessmentRules rules,
        HttpContext http, CancellationToken cancellationToken) =>
        ChangeAsync(id, views, http, (a, expected) => rules.FinalizeAsync(a, expected, cancellationToken), cancellationToken);

    /// <summary>The decision on a recommendation; If-Match carries its assessment's ETag. Answers the assessment.</summary>
    private static async Task<Results<Ok<AssessmentResponse>, ProblemHttpResult, ValidationProblem>> Decide(Guid id, DecisionInput input, AmaniDbContext db,
        AssessmentViews views, RecommendationRules rules, IMissionDirectory missions, AccessContext access, HttpContext http, CancellationToken cancellationToken)
    {
        var recommendation = await db.Set<Recommendation>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (recommendation is null)
            return Problem.NotFound($"The recommendation {id}");
        var found = await views.FindAsync(recommendation.AssessmentId, Permission.ResultsManage, tracked: true, cancellationToken);
        if (found.Refusal is { } refused)
            return Problem.Of(refused.Kind == RefusalKind.NotFound ? Refusal.NotFound($"The recommendation {id} was not found.") : refused);
        var mission = (await missions.FindAsync(found.Value!.MissionId, cancellationToken))!;
        return await ChangedAsync(http, views, found.Value, async expected =>
            Lift(found.Value, await rules.DecideAsync(mission, found.Value, recommendation, expected, input, access.UserId!.Value, cancellationToken)), cancellationToken);
    }

    /// <summary>Starts the next plan version for the assessment; the body, optional, gives the new version's title and dates (the latest version's by default).</summary>
    private static async Task<Results<Created<PlanResponse>, ProblemHttpResult, ValidationProblem>> Adapt(Guid id, AssessmentViews views,
        RecommendationRules rules, PlanViews plans, AccessContext access, HttpContext http, CancellationToken cancellationToken,
        [Microsoft.AspNetCore.Mvc.FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] PlanInput? next = null)
    {
        var found = await views.FindAsync(id, Permission.ResultsManage, tracked: false, cancellationToken);
        if (found.Refusal is { } refused)
            return Problem.Of(refused);
        var result = await rules.AdaptAsync(found.Value!, next, access.UserId!.Value, cancellationToken);
        if (result.Refusal is { } cannot)
            return Problem.Of(cannot);
        http.Response.Headers.ETag = Versioning.ETag(result.Value!.Version);
        return TypedResults.Created($"/api/v1/plans/{result.Value.Id}", await plans.OfAsync(result.Value, cancellationToken));
    }

    private static Outcome<Assessment> Lift<T>(Assessment assessment, Outcome<T> outcome) where T : class =>
        outcome.Refusal is { } refused ? refused : Outcome<Assessment>.Ok(assessment);

    private static async Task<Results<Ok<AssessmentResponse>, ProblemHttpResult, ValidationProblem>> ChangeAsync(Guid id, AssessmentViews views, HttpContext http,
        Func<Assessment, int, Task<Outcome<Assessment>>> change, CancellationToken cancellationToken)
    {
        var found = await views.FindAsync(id, Permission.ResultsManage, tracked: true, cancellationToken);
        if (found.Refusal is { } refused)
            return Problem.Of(refused);
        return await ChangedAsync(http, views, found.Value!, expected => change(found.Value!, expected), cancellationToken);
    }

    private static async Task<Results<Ok<AssessmentResponse>, ProblemHttpResult, ValidationProblem>> ChangedAsync(HttpContext http, AssessmentViews views,
        Assessment assessment, Func<int, Task<Outcome<Assessment>>> change, CancellationToken cancellationToken)
    {
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the assessment's ETag in If-Match (GET the assessment to read it).");
        var result = await change(expected);
        if (result.Refusal is { } refused)
            return Problem.Of(refused);
        http.Response.Headers.ETag = Versioning.ETag(assessment.Version);
        return TypedResults.Ok(await views.OfAsync(assessment, cancellationToken));
    }
}
