using Amani.Platform.Access;
using Amani.Platform.Problems;
using Amani.Platform.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Amani.Governance.Lessons;

/// <summary>
/// The lessons register over HTTP, under <c>/api/v1/missions/{code}/lessons</c>: the list and full-text search, the
/// themes in use, one lesson (lessons and after-action reviews are one resource with a <c>kind</c>), recording, editing
/// and moving one (with its ETag in If-Match), and turning its recommendation into a follow-up; the list as CSV
/// (<c>export.csv</c>, the list's filters), never naming the author of a lesson that is not attributed. A lesson the
/// caller may not see answers 404, and is in no list or export.
/// </summary>
public static class LessonsApi
{
    public static RouteGroupBuilder MapLessonsApi(this RouteGroupBuilder api)
    {
        var lessons = api.MapGroup("/missions/{code}/lessons").WithTags("Lessons");
        lessons.MapGet("/", List).WithName("ListLessons").RequirePermission(Permission.LessonsRead);
        lessons.MapGet("/export.csv", Export).WithName("ExportLessons").RequirePermission(Permission.LessonsRead);
        lessons.MapGet("/themes", Themes).WithName("ListLessonThemes").RequirePermission(Permission.LessonsRead);
        lessons.MapPost("/", Create).WithName("RecordLesson").RequirePermission(Permission.LessonsRecord);
        lessons.MapGet("/{id:guid}", Get).WithName("GetLesson").RequirePermission(Permission.LessonsRead);
        lessons.MapPut("/{id:guid}", Update).WithName("UpdateLesson").RequirePermission(Permission.LessonsRecord);
        lessons.MapPost("/{id:guid}/transitions", Transition).WithName("TransitionLesson").RequirePermission(LessonWorkflow.Moves.Permission);
        lessons.MapPost("/{id:guid}/follow-up", AskFollowUp).WithName("FollowUpLessonRecommendation").RequirePermission(Permission.LessonsManage);
        return api;
    }

    private static async Task<Results<Ok<LessonPage>, ProblemHttpResult>> List(string code, LessonQueries queries, CancellationToken cancellationToken,
        string? q = null, string? theme = null, string? area = null, string? kind = null, string? status = null, bool? mine = null, string? cursor = null,
        int? limit = null)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (mission, rights))
            return Problem.NotFound($"The mission '{code}'");
        var page = await queries.PageAsync(mission, rights, new LessonFilter(q, theme, area, kind, status, mine), cursor, limit, cancellationToken);
        return page.Refusal is { } refusal ? Problem.Of(refusal) : TypedResults.Ok(page.Value!);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(string code, LessonQueries queries, CancellationToken cancellationToken,
        string? q = null, string? theme = null, string? area = null, string? kind = null, string? status = null, bool? mine = null)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (mission, rights))
            return Problem.NotFound($"The mission '{code}'");
        var rows = await queries.AllAsync(mission, rights, new LessonFilter(q, theme, area, kind, status, mine), cancellationToken);
        if (rows.Refusal is { } refusal)
            return Problem.Of(refusal);
        return TypedResults.File(LessonCsv.Write(rows.Value!, mission.Code), LessonCsv.ContentType, $"lessons-{mission.Code}.csv");
    }

    private static async Task<Results<Ok<IReadOnlyList<LessonThemeCount>>, ProblemHttpResult>> Themes(string code, LessonQueries queries,
        CancellationToken cancellationToken)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (_, rights))
            return Problem.NotFound($"The mission '{code}'");
        return TypedResults.Ok(await queries.ThemesAsync(rights, cancellationToken));
    }

    private static async Task<Results<Created<LessonResponse>, ProblemHttpResult>> Create(string code, LessonInput input, LessonQueries queries,
        LessonBook book, HttpContext http, CancellationToken cancellationToken)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (mission, rights))
            return Problem.NotFound($"The mission '{code}'");
        var outcome = await book.CreateAsync(mission, input, rights, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        http.Response.Headers.ETag = Versioning.ETag(outcome.Value!.Version);
        return TypedResults.Created($"/api/v1/missions/{mission.Code}/lessons/{outcome.Value.Id}",
            await queries.DetailAsync(mission, rights, outcome.Value, cancellationToken));
    }

    private static async Task<Results<Ok<LessonResponse>, ProblemHttpResult>> Get(string code, Guid id, LessonQueries queries, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (mission, rights)
            || await queries.FindAsync(rights, id, tracked: false, cancellationToken) is not { } lesson)
            return Problem.NotFound($"The lesson {id}");
        http.Response.Headers.ETag = Versioning.ETag(lesson.Version);
        return TypedResults.Ok(await queries.DetailAsync(mission, rights, lesson, cancellationToken));
    }

    private static async Task<Results<Ok<LessonResponse>, ProblemHttpResult>> Update(string code, Guid id, LessonInput input, LessonQueries queries,
        LessonBook book, HttpContext http, CancellationToken cancellationToken)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (mission, rights)
            || await queries.FindAsync(rights, id, tracked: true, cancellationToken) is not { } lesson)
            return Problem.NotFound($"The lesson {id}");
        if (!rights.MayEdit(lesson) && !(lesson.Status == LessonStatus.Archived && rights.Manages(lesson.AreaId)))
            return Problem.Forbidden("Only its author, until it is validated, and those who manage the mission's lessons can edit a lesson.");
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the lesson's ETag in If-Match (GET the lesson to read it).");
        return await AnswerAsync(http, queries, mission, rights, await book.UpdateAsync(mission, lesson, expected, input, rights, cancellationToken),
            cancellationToken);
    }

    private static async Task<Results<Ok<LessonResponse>, ProblemHttpResult>> Transition(string code, Guid id, LessonTransitionRequest request,
        LessonQueries queries, LessonBook book, HttpContext http, CancellationToken cancellationToken)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (mission, rights)
            || await queries.FindAsync(rights, id, tracked: true, cancellationToken) is not { } lesson)
            return Problem.NotFound($"The lesson {id}");
        if (!rights.MayMoveAtAll(lesson))
            return Problem.Forbidden("Only its author (to submit it) and those who manage the mission's lessons can move a lesson.");
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the lesson's ETag in If-Match (GET the lesson to read it).");
        return await AnswerAsync(http, queries, mission, rights, await book.MoveAsync(lesson, expected, request, rights, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Created<LessonResponse>, ProblemHttpResult>> AskFollowUp(string code, Guid id, LessonFollowUpRequest request,
        LessonQueries queries, LessonBook book, HttpContext http, CancellationToken cancellationToken)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (mission, rights)
            || await queries.FindAsync(rights, id, tracked: true, cancellationToken) is not { } lesson)
            return Problem.NotFound($"The lesson {id}");
        if (!rights.Manages(lesson.AreaId))
            return Problem.Forbidden("Only those who manage the mission's lessons (in its area) can turn a recommendation into a follow-up.");
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the lesson's ETag in If-Match (GET the lesson to read it).");
        var outcome = await book.AskFollowUpAsync(mission, lesson, expected, request, rights, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        http.Response.Headers.ETag = Versioning.ETag(outcome.Value!.Version);
        return TypedResults.Created($"/api/v1/follow-ups/{outcome.Value.FollowUpId}", await queries.DetailAsync(mission, rights, outcome.Value, cancellationToken));
    }

    private static async Task<Results<Ok<LessonResponse>, ProblemHttpResult>> AnswerAsync(HttpContext http, LessonQueries queries,
        Platform.Directories.MissionEntry mission, LessonRights rights, Outcome<Lesson> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        http.Response.Headers.ETag = Versioning.ETag(outcome.Value!.Version);
        return TypedResults.Ok(await queries.DetailAsync(mission, rights, outcome.Value, cancellationToken));
    }
}
