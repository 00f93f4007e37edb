using Amani.Governance.Surveys.Rounds;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Amani.Platform.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Measures;

/// <summary>A survey measure to create or change; on change a field left null keeps its value, and the slug cannot change.</summary>
public sealed record SurveyMeasureInput(string? Slug, string? Name, string? NameFr, string? Question, IReadOnlyList<string>? Choices);

public sealed record SurveyMeasureResponse(Guid Id, Guid SurveyId, string Key, string Slug, string Name, string NameFr, string Question,
    IReadOnlyList<string> Choices, DateTime CreatedAt, int Version = 1);

public sealed record SurveyMeasureList(IReadOnlyList<SurveyMeasureResponse> Items);

/// <summary>
/// A survey's measures for the results framework, under <c>/api/v1/missions/{code}/surveys/{id}/measures</c>: list and
/// read (surveys:read; a sensitive survey's for its team only, as its rounds), create, change and remove (surveys:manage;
/// audited 4370–4372; change and removal with If-Match, removal refused with 409 while an indicator uses the measure).
/// The rules are <see cref="SurveyMeasureBook"/>'s. Indicators are then created over <c>surveys.{slug}</c> in Results.
/// </summary>
public static class SurveyMeasuresApi
{
    public static RouteGroupBuilder MapSurveyMeasuresApi(this RouteGroupBuilder api)
    {
        var measures = api.MapGroup("/missions/{code}/surveys/{id:guid}").WithTags("Surveys");
        measures.MapGet("/measures", List).WithName("ListSurveyMeasures").RequirePermission(Permission.SurveysRead);
        measures.MapPost("/measures", Create).WithName("CreateSurveyMeasure").RequirePermission(Permission.SurveysManage);
        measures.MapGet("/measures/{measureId:guid}", Get).WithName("GetSurveyMeasure").RequirePermission(Permission.SurveysRead);
        measures.MapPut("/measures/{measureId:guid}", Update).WithName("UpdateSurveyMeasure").RequirePermission(Permission.SurveysManage);
        measures.MapDelete("/measures/{measureId:guid}", Remove).WithName("RemoveSurveyMeasure").RequirePermission(Permission.SurveysManage);
        return api;
    }

    public static SurveyMeasureResponse View(SurveyMeasure m) => new(m.Id, m.SurveyId, SurveyMeasures.KeyOf(m), m.Slug, m.Name, m.NameFr, m.Question,
        m.Choices.Split(','), m.CreatedAt, m.Version);

    private static ProblemHttpResult NotManager() =>
        Problem.Forbidden("Only those who manage the mission's surveys (surveys:manage in this mission) can do this.");

    private static async Task<Results<Ok<SurveyMeasureList>, ProblemHttpResult>> List(string code, Guid id, RoundAccess access, AmaniDbContext db,
        CancellationToken cancellationToken)
    {
        var (scope, refused) = await access.SurveyAsync(code, id, cancellationToken);
        if (refused is not null)
            return refused;
        var items = await db.Set<SurveyMeasure>().AsNoTracking().Where(m => m.SurveyId == scope!.Survey.Id).OrderBy(m => m.Slug).ToListAsync(cancellationToken);
        return TypedResults.Ok(new SurveyMeasureList(items.Select(View).ToList()));
    }

    private static async Task<Results<Created<SurveyMeasureResponse>, ProblemHttpResult>> Create(string code, Guid id, SurveyMeasureInput input,
        RoundAccess access, SurveyMeasureBook book, HttpContext http, CancellationToken cancellationToken)
    {
        var (scope, refused) = await access.SurveyAsync(code, id, cancellationToken);
        if (refused is not null)
            return refused;
        if (!scope!.Rights.Manages)
            return NotManager();
        var outcome = await book.CreateAsync(scope.Survey, input, scope.Rights.UserId, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        http.Response.Headers.ETag = Versioning.ETag(outcome.Value!.Version);
        return TypedResults.Created($"/api/v1/missions/{scope.Mission.Code}/surveys/{id}/measures/{outcome.Value.Id}", View(outcome.Value));
    }

    private static async Task<Results<Ok<SurveyMeasureResponse>, ProblemHttpResult>> Get(string code, Guid id, Guid measureId, RoundAccess access,
        AmaniDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (measure, _, refused) = await FindAsync(code, id, measureId, false, access, db, cancellationToken);
        if (refused is not null)
            return refused;
        http.Response.Headers.ETag = Versioning.ETag(measure!.Version);
        return TypedResults.Ok(View(measure));
    }

    private static async Task<Results<Ok<SurveyMeasureResponse>, ProblemHttpResult>> Update(string code, Guid id, Guid measureId, SurveyMeasureInput input,
        RoundAccess access, SurveyMeasureBook book, AmaniDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (measure, scope, refused) = await FindAsync(code, id, measureId, true, access, db, cancellationToken);
        if (refused is not null)
            return refused;
        if (!scope!.Rights.Manages)
            return NotManager();
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return NoIfMatch();
        var outcome = await book.UpdateAsync(scope.Survey, measure!, expected, input, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        http.Response.Headers.ETag = Versioning.ETag(outcome.Value!.Version);
        return TypedResults.Ok(View(outcome.Value));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(string code, Guid id, Guid measureId, RoundAccess access, SurveyMeasureBook book,
        AmaniDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (measure, scope, refused) = await FindAsync(code, id, measureId, true, access, db, cancellationToken);
        if (refused is not null)
            return refused;
        if (!scope!.Rights.Manages)
            return NotManager();
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return NoIfMatch();
        var outcome = await book.RemoveAsync(measure!, expected, cancellationToken);
        return outcome.Refusal is { } refusal ? Problem.Of(refusal) : TypedResults.NoContent();
    }

    private static ProblemHttpResult NoIfMatch() =>
        Problem.Of(ProblemType.PreconditionRequired, "Send the survey measure's ETag in If-Match (GET the measure to read it).");

    private static async Task<(SurveyMeasure? Measure, RoundScope? Scope, ProblemHttpResult? Refused)> FindAsync(string code, Guid id, Guid measureId,
        bool tracked, RoundAccess access, AmaniDbContext db, CancellationToken cancellationToken)
    {
        var (scope, refused) = await access.SurveyAsync(code, id, cancellationToken);
        if (refused is not null)
            return (null, null, refused);
        var query = db.Set<SurveyMeasure>().Where(m => m.Id == measureId && m.SurveyId == id);
        return await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken) is { } measure
            ? (measure, scope, null)
            : (null, null, Problem.NotFound($"The survey measure {measureId} of survey {id}"));
    }
}
