using Amani.Governance.Surveys.Forms;
using Amani.Platform.Access;
using Amani.Platform.Problems;
using Amani.Platform.Records;
using Amani.Register.Attachments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Amani.Governance.Surveys;

/// <summary>
/// The surveys for staff, under <c>/api/v1/missions/{code}</c>: surveys (list, create, read, change with If-Match),
/// forms by their form id (import an XLSForm or XForm, read, open or close, upload media, download a version's XForm),
/// submissions (a sensitive survey's for its team only) and app users (list, create — the only answer that shows the
/// token, server URL and settings QR code — and revoke).
/// </summary>
public static class SurveysApi
{
    public static RouteGroupBuilder MapSurveysApi(this RouteGroupBuilder api)
    {
        var mission = api.MapGroup("/missions/{code}").WithTags("Surveys");
        mission.MapGet("/surveys", List).WithName("ListSurveys").RequirePermission(Permission.SurveysRead);
        mission.MapPost("/surveys", Create).WithName("CreateSurvey").RequirePermission(Permission.SurveysManage);
        mission.MapGet("/surveys/{id:guid}", Get).WithName("GetSurvey").RequirePermission(Permission.SurveysRead);
        mission.MapPut("/surveys/{id:guid}", Update).WithName("UpdateSurvey").RequirePermission(Permission.SurveysManage);
        mission.MapPost("/forms", Import).WithName("ImportForm").RequirePermission(Permission.SurveysManage)
            .WithMetadata(new RequestSizeLimitAttribute(FormImports.MaxFileBytes + 64 * 1024)); // no Accepts(): the caller is authenticated before the content type is judged
        mission.MapGet("/forms/{xmlFormId}", GetForm).WithName("GetForm").RequirePermission(Permission.SurveysRead);
        mission.MapPost("/forms/{xmlFormId}/state", SetState).WithName("SetFormState").RequirePermission(Permission.SurveysManage);
        mission.MapGet("/forms/{xmlFormId}/versions/{version}/xform", XForm).WithName("GetFormXForm").RequirePermission(Permission.SurveysRead);
        mission.MapPut("/forms/{xmlFormId}/media/{name}", UploadMedia).WithName("UploadFormMedia").RequirePermission(Permission.SurveysManage)
            .WithMetadata(new RequestSizeLimitAttribute(SurveyBook.MaxMediaBytes));
        mission.MapGet("/forms/{xmlFormId}/submissions", Submissions).WithName("ListSubmissions").RequirePermission(Permission.SurveysRead);
        mission.MapGet("/forms/{xmlFormId}/submissions/{instanceId}", GetSubmission).WithName("GetSubmission").RequirePermission(Permission.SurveysRead);
        mission.MapGet("/forms/{xmlFormId}/submissions/{instanceId}/attachments/{name}", Attachment).WithName("GetSubmissionAttachment")
            .RequirePermission(Permission.SurveysRead);
        mission.MapGet("/app-users", AppUserList).WithName("ListAppUsers").RequirePermission(Permission.SurveysManage);
        mission.MapPost("/app-users", CreateAppUser).WithName("CreateAppUser").RequirePermission(Permission.SurveysManage);
        mission.MapPost("/app-users/{id:guid}/revocation", Revoke).WithName("RevokeAppUser").RequirePermission(Permission.SurveysManage);
        return api;
    }

    private static ProblemHttpResult NoMission(string code) => Problem.NotFound($"The mission '{code}'");

    private static ProblemHttpResult NotManager() =>
        Problem.Forbidden("Only those who manage the mission's surveys (surveys:manage in this mission) can do this.");

    private static async Task<Results<Ok<SurveyList>, ProblemHttpResult>> List(string code, SurveyAccess access, SurveyQueries queries,
        CancellationToken cancellationToken) =>
        await access.MissionAsync(code, cancellationToken) is var (_, rights) ? TypedResults.Ok(await queries.SurveysAsync(rights, cancellationToken)) : NoMission(code);

    private static async Task<Results<Created<SurveyResponse>, ProblemHttpResult>> Create(string code, SurveyInput input, SurveyAccess access, SurveyBook book,
        SurveyQueries queries, HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (mission, rights))
            return NoMission(code);
        if (!rights.Manages)
            return NotManager();
        var outcome = await book.CreateAsync(mission, input, rights.UserId, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        http.Response.Headers.ETag = Versioning.ETag(outcome.Value!.Version);
        return TypedResults.Created($"/api/v1/missions/{mission.Code}/surveys/{outcome.Value.Id}", await queries.SurveyResponseAsync(outcome.Value, cancellationToken));
    }

    private static async Task<Results<Ok<SurveyResponse>, ProblemHttpResult>> Get(string code, Guid id, SurveyAccess access, SurveyQueries queries,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (_, rights) || await queries.SurveyAsync(rights, id, false, cancellationToken) is not { } survey)
            return Problem.NotFound($"The survey {id}");
        http.Response.Headers.ETag = Versioning.ETag(survey.Version);
        return TypedResults.Ok(await queries.SurveyResponseAsync(survey, cancellationToken));
    }

    private static async Task<Results<Ok<SurveyResponse>, ProblemHttpResult>> Update(string code, Guid id, SurveyInput input, SurveyAccess access,
        SurveyBook book, SurveyQueries queries, HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (mission, rights) || await queries.SurveyAsync(rights, id, true, cancellationToken) is not { } survey)
            return Problem.NotFound($"The survey {id}");
        if (!rights.Manages)
            return NotManager();
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the survey's ETag in If-Match (GET the survey to read it).");
        var outcome = await book.UpdateAsync(mission, survey, expected, input, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        http.Response.Headers.ETag = Versioning.ETag(outcome.Value!.Version);
        return TypedResults.Ok(await queries.SurveyResponseAsync(outcome.Value, cancellationToken));
    }

    private static async Task<Results<Created<FormImportResponse>, Ok<FormImportResponse>, ProblemHttpResult>> Import(string code, Guid? survey,
        HttpContext http, SurveyAccess access, FormImports imports, CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (mission, rights))
            return NoMission(code);
        if (!rights.Manages)
            return NotManager();
        if (!http.Request.HasFormContentType || !http.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Problem.Of(ProblemType.UnsupportedMediaType,
                $"Send the form as 'multipart/form-data' with one file field (an XLSForm .xlsx or an XForm .xml), not as '{http.Request.ContentType ?? "no content type"}'.");
        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form.Files is not [var file])
            return Problem.Of(ProblemType.Validation, $"Attach exactly one file (an XLSForm .xlsx or an XForm .xml); {form.Files.Count} were sent.",
                Errors("file", $"Attach exactly one file; {form.Files.Count} were sent."));
        await using var content = file.OpenReadStream();
        var outcome = await imports.ImportAsync(mission, survey, file.FileName, content, rights.UserId, cancellationToken);
        if (outcome.Problems is { } problems)
            return FormProblems(file.FileName, problems);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        var imported = outcome.Value!;
        return imported.Created
            ? TypedResults.Created($"/api/v1/missions/{mission.Code}/forms/{imported.XmlFormId}", imported)
            : TypedResults.Ok(imported);
    }

    /// <summary>400 listing every problem of the file with its sheet, row and column (as pyxform reports them).</summary>
    public static ProblemHttpResult FormProblems(string fileName, IReadOnlyList<FormProblem> problems) =>
        Problem.Of(ProblemType.Validation, $"{Path.GetFileName(fileName)} is not a form Amani can use: {problems.Count} problem(s), listed in 'problems'.",
            new Dictionary<string, object?>
            {
                ["problems"] = problems.Select(p => new { sheet = p.Sheet, row = p.Row, column = p.Column, message = p.Message }).ToList(),
                ["errors"] = new Dictionary<string, string[]> { ["file"] = problems.Select(FormProblemText).ToArray() },
            });

    public static string FormProblemText(FormProblem p) =>
        $"{p.Sheet}{(p.Row is { } row ? $" row {row}" : "")}{(p.Column is { } column ? $" column {column}" : "")}: {p.Message}";

    private static Dictionary<string, object?> Errors(string field, string message) =>
        new() { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } };

    private static async Task<Results<Ok<FormResponse>, ProblemHttpResult>> GetForm(string code, string xmlFormId, SurveyAccess access, SurveyQueries queries,
        CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (_, rights) || await queries.FormAsync(rights, xmlFormId, false, cancellationToken) is not { } form)
            return Problem.NotFound($"The form '{xmlFormId}'");
        return TypedResults.Ok(await queries.FormResponseAsync(form, cancellationToken));
    }

    private static async Task<Results<Ok<FormResponse>, ProblemHttpResult>> SetState(string code, string xmlFormId, FormStateRequest request,
        SurveyAccess access, SurveyQueries queries, SurveyBook book, CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (_, rights) || await queries.FormAsync(rights, xmlFormId, true, cancellationToken) is not { } form)
            return Problem.NotFound($"The form '{xmlFormId}'");
        if (!rights.Manages)
            return NotManager();
        var outcome = await book.SetStateAsync(form, request, cancellationToken);
        return outcome.Refusal is { } refusal ? Problem.Of(refusal) : TypedResults.Ok(await queries.FormResponseAsync(form, cancellationToken));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> XForm(string code, string xmlFormId, string version, SurveyAccess access,
        SurveyQueries queries, CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (_, rights) || await queries.FormAsync(rights, xmlFormId, false, cancellationToken) is not { } form
            || await queries.XFormAsync(form, version, cancellationToken) is not { } xform)
            return Problem.NotFound($"The version '{version}' of form '{xmlFormId}'");
        return TypedResults.Text(xform, "application/xml; charset=utf-8");
    }

    private static async Task<Results<Ok<FormResponse>, ProblemHttpResult>> UploadMedia(string code, string xmlFormId, string name, HttpContext http,
        SurveyAccess access, SurveyQueries queries, SurveyBook book, CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (_, rights) || await queries.FormAsync(rights, xmlFormId, false, cancellationToken) is not { } form)
            return Problem.NotFound($"The form '{xmlFormId}'");
        if (!rights.Manages)
            return NotManager();
        var outcome = await book.UploadMediaAsync(form, name, http.Request.ContentType, http.Request.Body, cancellationToken);
        return outcome.Refusal is { } refusal ? Problem.Of(refusal) : TypedResults.Ok(await queries.FormResponseAsync(form, cancellationToken));
    }

    /// <summary>The form, when the caller sees its submissions; else the answer (404 for an unknown form, 403 for a sensitive one).</summary>
    private static async Task<(SurveyForm? Form, ProblemHttpResult? Refused)> SubmissionsFormAsync(string code, string xmlFormId, SurveyAccess access,
        SurveyQueries queries, CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (_, rights) || await queries.FormAsync(rights, xmlFormId, false, cancellationToken) is not { } form)
            return (null, Problem.NotFound($"The form '{xmlFormId}'"));
        var survey = await queries.SurveyOfAsync(form, cancellationToken);
        return rights.SeesSubmissionsOf(survey)
            ? (form, null)
            : (null, Problem.Forbidden($"The survey '{survey.Name}' is sensitive: only its team sees its submissions. Its managers can add you to the team."));
    }

    private static async Task<Results<Ok<SubmissionPage>, ProblemHttpResult>> Submissions(string code, string xmlFormId, SurveyAccess access,
        SurveyQueries queries, CancellationToken cancellationToken, string? cursor = null, int? limit = null)
    {
        var (form, refused) = await SubmissionsFormAsync(code, xmlFormId, access, queries, cancellationToken);
        if (refused is not null)
            return refused;
        var page = await queries.SubmissionsAsync(form!, cursor, limit, cancellationToken);
        return page.Refusal is { } refusal ? Problem.Of(refusal) : TypedResults.Ok(page.Value!);
    }

    private static async Task<Results<Ok<SubmissionResponse>, ProblemHttpResult>> GetSubmission(string code, string xmlFormId, string instanceId,
        SurveyAccess access, SurveyQueries queries, CancellationToken cancellationToken)
    {
        var (form, refused) = await SubmissionsFormAsync(code, xmlFormId, access, queries, cancellationToken);
        if (refused is not null)
            return refused;
        return await queries.SubmissionAsync(form!, instanceId, cancellationToken) is { } submission
            ? TypedResults.Ok(submission)
            : Problem.NotFound($"The submission {instanceId}");
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Attachment(string code, string xmlFormId, string instanceId, string name,
        SurveyAccess access, SurveyQueries queries, BlobStore blobs, HttpContext http, CancellationToken cancellationToken)
    {
        var (form, refused) = await SubmissionsFormAsync(code, xmlFormId, access, queries, cancellationToken);
        if (refused is not null)
            return refused;
        if (await queries.AttachmentAsync(form!, instanceId, name, cancellationToken) is not { } attachment || blobs.OpenRead(attachment.Blob!) is not { } stream)
            return Problem.NotFound($"The attachment '{name}' of submission {instanceId}");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(stream, attachment.ContentType ?? "application/octet-stream", attachment.Name);
    }

    private static async Task<Results<Ok<AppUserList>, ProblemHttpResult>> AppUserList(string code, SurveyAccess access, SurveyQueries queries,
        CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (_, rights))
            return NoMission(code);
        return rights.Manages ? TypedResults.Ok(await queries.AppUsersAsync(rights, cancellationToken)) : NotManager();
    }

    private static async Task<Results<Created<AppUserResponse>, ProblemHttpResult>> CreateAppUser(string code, AppUserInput input, SurveyAccess access,
        AppUsers appUsers, HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (mission, rights))
            return NoMission(code);
        if (!rights.Manages)
            return NotManager();
        var outcome = await appUsers.CreateAsync(mission, input, rights.UserId, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/missions/{mission.Code}/app-users/{outcome.Value!.Id}", outcome.Value);
    }

    private static async Task<Results<Ok<AppUserResponse>, ProblemHttpResult>> Revoke(string code, Guid id, SurveyAccess access, AppUsers appUsers,
        CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (mission, rights))
            return NoMission(code);
        if (!rights.Manages)
            return NotManager();
        var outcome = await appUsers.RevokeAsync(mission, id, rights.UserId, cancellationToken);
        return outcome.Refusal is { } refusal ? Problem.Of(refusal) : TypedResults.Ok(outcome.Value!);
    }
}
