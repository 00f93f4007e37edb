using Amani.Platform.Access;
using Amani.Platform.Problems;
using Amani.Platform.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Rounds;

/// <summary>
/// The rounds of a perception survey for staff, under <c>/api/v1/missions/{code}/surveys/{id}/rounds</c>: list, create,
/// read, change (If-Match), import populations (CSV, If-Match), publish or withdraw (If-Match), analyse a question and
/// compare two rounds. surveys:read reads, surveys:manage changes; a sensitive survey's rounds are its team's only
/// (403 for anyone else, as for its submissions).
/// </summary>
public static class RoundsApi
{
    public static RouteGroupBuilder MapRoundsApi(this RouteGroupBuilder api)
    {
        var rounds = api.MapGroup("/missions/{code}/surveys/{id:guid}").WithTags("Surveys");
        rounds.MapGet("/rounds", List).WithName("ListSurveyRounds").RequirePermission(Permission.SurveysRead);
        rounds.MapPost("/rounds", Create).WithName("CreateSurveyRound").RequirePermission(Permission.SurveysManage);
        rounds.MapGet("/rounds/compare", Compare).WithName("CompareSurveyRounds").RequirePermission(Permission.SurveysRead);
        rounds.MapGet("/rounds/{roundId:guid}", Get).WithName("GetSurveyRound").RequirePermission(Permission.SurveysRead);
        rounds.MapPut("/rounds/{roundId:guid}", Update).WithName("UpdateSurveyRound").RequirePermission(Permission.SurveysManage);
        rounds.MapPut("/rounds/{roundId:guid}/populations", Populations).WithName("ImportSurveyRoundPopulations").RequirePermission(Permission.SurveysManage)
            .WithMetadata(new RequestSizeLimitAttribute(PopulationCsv.MaxBytes + 1024));
        rounds.MapPost("/rounds/{roundId:guid}/publication", Publish).WithName("PublishSurveyRound").RequirePermission(Permission.SurveysManage);
        rounds.MapGet("/rounds/{roundId:guid}/analysis", Analyse).WithName("AnalyseSurveyRound").RequirePermission(Permission.SurveysRead);
        return api;
    }

    private static ProblemHttpResult NotManager() =>
        Problem.Forbidden("Only those who manage the mission's surveys (surveys:manage in this mission) can do this.");

    private static ProblemHttpResult NoIfMatch() => Problem.Of(ProblemType.PreconditionRequired, "Send the round's ETag in If-Match (GET the round to read it).");

    private static async Task<Results<Ok<RoundList>, ProblemHttpResult>> List(string code, Guid id, RoundAccess access, CancellationToken cancellationToken)
    {
        var (scope, refused) = await access.SurveyAsync(code, id, cancellationToken);
        return refused ?? (Results<Ok<RoundList>, ProblemHttpResult>)TypedResults.Ok(await access.ListAsync(scope!.Survey, cancellationToken));
    }

    private static async Task<Results<Created<RoundResponse>, ProblemHttpResult>> Create(string code, Guid id, RoundInput input, RoundAccess access,
        RoundBook book, HttpContext http, CancellationToken cancellationToken)
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
        return TypedResults.Created($"/api/v1/missions/{scope.Mission.Code}/surveys/{id}/rounds/{outcome.Value.Id}",
            await access.ResponseAsync(outcome.Value, cancellationToken));
    }

    private static async Task<Results<Ok<RoundResponse>, ProblemHttpResult>> Get(string code, Guid id, Guid roundId, RoundAccess access, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (round, _, refused) = await access.RoundAsync(code, id, roundId, false, cancellationToken);
        if (refused is not null)
            return refused;
        http.Response.Headers.ETag = Versioning.ETag(round!.Version);
        return TypedResults.Ok(await access.ResponseAsync(round, cancellationToken));
    }

    private static async Task<Results<Ok<RoundResponse>, ProblemHttpResult>> Update(string code, Guid id, Guid roundId, RoundInput input, RoundAccess access,
        RoundBook book, HttpContext http, CancellationToken cancellationToken) =>
        await ChangeAsync(code, id, roundId, access, http, cancellationToken, (scope, round, version) => book.UpdateAsync(scope.Survey, round, version, input, cancellationToken));

    private static async Task<Results<Ok<RoundResponse>, ProblemHttpResult>> Populations(string code, Guid id, Guid roundId, RoundAccess access,
        RoundBook book, HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
            return Problem.Of(ProblemType.UnsupportedMediaType,
                $"Send the populations as 'text/csv' (a header 'pcode,population[,clusters_sampled,respondents_per_cluster]'), not as '{http.Request.ContentType ?? "no content type"}'.");
        return await ChangeAsync(code, id, roundId, access, http, cancellationToken,
            (_, round, version) => book.ImportPopulationsAsync(round, version, http.Request.Body, cancellationToken));
    }

    private static async Task<Results<Ok<RoundResponse>, ProblemHttpResult>> Publish(string code, Guid id, Guid roundId, PublicationInput input,
        RoundAccess access, RoundBook book, HttpContext http, CancellationToken cancellationToken) =>
        await ChangeAsync(code, id, roundId, access, http, cancellationToken, async (scope, round, version) =>
            input.Published && await access.PublicationProblemAsync(scope, round, cancellationToken) is { } problem
                ? problem
                : await book.PublishAsync(round, version, input.Published, cancellationToken));

    private static async Task<Results<Ok<RoundResponse>, ProblemHttpResult>> ChangeAsync(string code, Guid id, Guid roundId, RoundAccess access, HttpContext http,
        CancellationToken cancellationToken, Func<RoundScope, SurveyRoundRecord, int, Task<Outcome<SurveyRoundRecord>>> change)
    {
        var (round, scope, refused) = await access.RoundAsync(code, id, roundId, true, cancellationToken);
        if (refused is not null)
            return refused;
        if (!scope!.Rights.Manages)
            return NotManager();
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return NoIfMatch();
        var outcome = await change(scope, round!, expected);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        http.Response.Headers.ETag = Versioning.ETag(outcome.Value!.Version);
        return TypedResults.Ok(await access.ResponseAsync(outcome.Value, cancellationToken));
    }

    private static async Task<Results<Ok<AnalysisResponse>, ProblemHttpResult>> Analyse(string code, Guid id, Guid roundId, RoundAccess access,
        RoundAnalyst analyst, CancellationToken cancellationToken, string? question = null, string? by = null, string? choice = null)
    {
        var (round, _, refused) = await access.RoundAsync(code, id, roundId, false, cancellationToken);
        if (refused is not null)
            return refused;
        var ask = new RoundQuestion(question, by, choice);
        var outcome = await analyst.AnalyseAsync(round!, ask, 1, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        var (loaded, analysis) = outcome.Value!;
        return TypedResults.Ok(RoundAnalyst.Response(round!, ask, loaded, analysis));
    }

    private static async Task<Results<Ok<ComparisonResponse>, ProblemHttpResult>> Compare(string code, Guid id, RoundAccess access, RoundAnalyst analyst,
        CancellationToken cancellationToken, Guid? from = null, Guid? to = null, string? question = null, string? by = null, string? choice = null)
    {
        if (from is not { } fromId || to is not { } toId)
            return Problem.Of(Refusal.Invalid("from", "Give the two rounds to compare: ?from=<earlier round id>&to=<later round id>&question=…"));
        var (earlier, _, refused) = await access.RoundAsync(code, id, fromId, false, cancellationToken);
        var (later, _, refusedToo) = await access.RoundAsync(code, id, toId, false, cancellationToken);
        if ((refused ?? refusedToo) is { } problem)
            return problem;
        var ask = new RoundQuestion(question, by, choice);
        var a = await analyst.AnalyseAsync(earlier!, ask, 1, cancellationToken);
        if (a.Refusal is { } ra)
            return Problem.Of(ra with { Message = $"Round '{earlier!.Name}': {ra.Message}" });
        var b = await analyst.AnalyseAsync(later!, ask, 1, cancellationToken);
        if (b.Refusal is { } rb)
            return Problem.Of(rb with { Message = $"Round '{later!.Name}': {rb.Message}" });
        var changes = Analysis.RoundComparison.Compare(a.Value!.Analysis, b.Value!.Analysis).Select(RoundAnalyst.Change).ToList();
        return TypedResults.Ok(new ComparisonResponse(fromId, toId, earlier!.Name, later!.Name, ask.Question!.Trim(), by, choice, changes));
    }
}
