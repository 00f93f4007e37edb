using System.Globalization;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Problems;
using Amani.Platform.Records;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.FollowUps;

/// <summary>
/// Follow-ups over HTTP: a mission's board (<c>GET /api/v1/missions/{code}/follow-ups?owner=&amp;module=&amp;overdue=&amp;area=&amp;status=</c>)
/// and its CSV export, the caller's own (<c>GET /api/v1/follow-ups/mine</c>), one follow-up with its history and evidence,
/// and its changes (edit, move, evidence) — each with the follow-up's ETag in If-Match. A follow-up the caller may not
/// see answers 404.
/// </summary>
public static class FollowUpsApi
{
    public static RouteGroupBuilder MapFollowUpsApi(this RouteGroupBuilder api)
    {
        var mission = api.MapGroup("/missions/{code}/follow-ups").WithTags("Follow-ups");
        mission.MapGet("/", Board).WithName("ListFollowUps").RequirePermission(Permission.FollowUpsRead);
        mission.MapGet("/export.csv", Export).WithName("ExportFollowUps").RequirePermission(Permission.FollowUpsRead);
        mission.MapPost("/", Create).WithName("CreateFollowUp").RequirePermission(Permission.FollowUpsManage);
        api.MapGet("/follow-ups/mine", Mine).WithTags("Follow-ups").WithName("MyFollowUps").RequireSignedIn();
        var one = api.MapGroup("/follow-ups/{id:guid}").WithTags("Follow-ups");
        one.MapGet("/", Get).WithName("GetFollowUp").RequireSignedIn();
        one.MapPatch("/", Edit).WithName("EditFollowUp").RequirePermission(Permission.FollowUpsUpdate);
        one.MapPost("/transitions", Move).WithName("MoveFollowUp").RequirePermission(FollowUpWorkflow.Moves.Permission);
        one.MapPost("/evidence", AddEvidence).WithName("AddFollowUpEvidence").RequirePermission(Permission.FollowUpsUpdate);
        one.MapGet("/evidence/{evidenceId:guid}/file", EvidenceFile).WithName("GetFollowUpEvidenceFile").RequireSignedIn();
        return api;
    }

    /// <summary>The filters of a list, as given in the query string.</summary>
    public sealed record Filter(string? Owner, string? Module, bool? Overdue, string? Area, string? Status);

    private static async Task<Results<Ok<FollowUpPage>, ProblemHttpResult>> Board(string code, FollowUpQueries queries, TimeProvider clock,
        CancellationToken cancellationToken, string? owner = null, string? module = null, bool? overdue = null, string? area = null, string? status = null,
        string? cursor = null, int? limit = null)
    {
        var page = await queries.BoardAsync(code, new Filter(owner, module, overdue, area, status), cursor, limit, cancellationToken);
        return page.Refusal is { } refusal ? Problem.Of(refusal) : TypedResults.Ok(page.Value!);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(string code, FollowUpQueries queries, CancellationToken cancellationToken,
        string? owner = null, string? module = null, bool? overdue = null, string? area = null, string? status = null)
    {
        var rows = await queries.AllAsync(code, new Filter(owner, module, overdue, area, status), cancellationToken);
        if (rows.Refusal is { } refusal)
            return Problem.Of(refusal);
        return TypedResults.File(FollowUpCsv.Write(rows.Value!.Items), "text/csv; charset=utf-8", $"follow-ups-{code.ToUpperInvariant()}.csv");
    }

    private static async Task<Results<Ok<FollowUpPage>, ProblemHttpResult>> Mine(FollowUpQueries queries, CancellationToken cancellationToken,
        bool? overdue = null, string? status = null, string? cursor = null, int? limit = null)
    {
        var page = await queries.MineAsync(overdue, status, cursor, limit, cancellationToken);
        return page.Refusal is { } refusal ? Problem.Of(refusal) : TypedResults.Ok(page.Value!);
    }

    private static async Task<Results<Created<FollowUpResponse>, ProblemHttpResult>> Create(string code, FollowUpCreateRequest request, FollowUpBook book,
        FollowUpQueries queries, IMissionDirectory missions, AccessContext access, FollowUpAccess rules, HttpContext http, CancellationToken cancellationToken)
    {
        if (await missions.FindAsync(code, cancellationToken) is not { } mission || await rules.RightsAsync(mission.Id, cancellationToken) is not { Manage: true } rights)
            return Problem.NotFound($"The mission '{code}'");
        var outcome = await book.CreateAsync(mission, request, access.UserId, rights.CanManage, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        http.Response.Headers.ETag = Versioning.ETag(outcome.Value!.Version);
        return TypedResults.Created($"/api/v1/follow-ups/{outcome.Value!.Id}", await queries.DetailAsync(outcome.Value!, cancellationToken));
    }

    private static async Task<Results<Ok<FollowUpResponse>, ProblemHttpResult>> Get(Guid id, FollowUpQueries queries, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, tracked: false, cancellationToken) is not { } followUp)
            return Problem.NotFound($"The follow-up {id}");
        http.Response.Headers.ETag = Versioning.ETag(followUp.Version);
        return TypedResults.Ok(await queries.DetailAsync(followUp, cancellationToken));
    }

    private static async Task<Results<Ok<FollowUpResponse>, ProblemHttpResult>> Edit(Guid id, FollowUpEditRequest request, FollowUpQueries queries,
        FollowUpBook book, FollowUpAccess rules, IMissionDirectory missions, AccessContext access, HttpContext http, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, tracked: true, cancellationToken) is not { } followUp)
            return Problem.NotFound($"The follow-up {id}");
        if (!await rules.CanUpdateAsync(followUp, cancellationToken))
            return Problem.Of(Refusal.NotAllowed("Only the follow-up's owners, the person who asked for it and those who manage the mission's follow-ups can change it."));
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the follow-up's ETag in If-Match (GET the follow-up to read it).");
        var mission = (await missions.FindAsync(followUp.MissionId, cancellationToken))!;
        return await AnswerAsync(http, queries,
            await book.EditAsync(followUp, mission, expected, request, await rules.CanEditAsync(followUp, cancellationToken), access.UserId, cancellationToken),
            cancellationToken);
    }

    private static async Task<Results<Ok<FollowUpResponse>, ProblemHttpResult>> Move(Guid id, FollowUpTransitionRequest request, FollowUpQueries queries,
        FollowUpBook book, FollowUpAccess rules, AccessContext access, HttpContext http, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, tracked: true, cancellationToken) is not { } followUp)
            return Problem.NotFound($"The follow-up {id}");
        if (!await rules.CanUpdateAsync(followUp, cancellationToken))
            return Problem.Of(Refusal.NotAllowed("Only the follow-up's owners, the person who asked for it and those who manage the mission's follow-ups can move it."));
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the follow-up's ETag in If-Match (GET the follow-up to read it).");
        return await AnswerAsync(http, queries, await book.MoveAsync(followUp, expected, request, access.UserId, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Created<FollowUpEvidenceView>, ProblemHttpResult>> AddEvidence(Guid id, FollowUpQueries queries, FollowUpBook book,
        FollowUpAccess rules, AccessContext access, FollowUpEvidenceFiles files, HttpContext http, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, tracked: true, cancellationToken) is not { } followUp)
            return Problem.NotFound($"The follow-up {id}");
        if (!await rules.CanUpdateAsync(followUp, cancellationToken))
            return Problem.Of(Refusal.NotAllowed("Only the follow-up's owners, the person who asked for it and those who manage the mission's follow-ups can add evidence."));
        var read = await files.ReadAsync(http.Request, cancellationToken);
        if (read.Refusal is { } bad)
            return Problem.Of(bad);
        var outcome = await book.AddEvidenceAsync(followUp, read.Value!, access.UserId, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        http.Response.Headers.ETag = Versioning.ETag(followUp.Version);
        return TypedResults.Created($"/api/v1/follow-ups/{id}", await queries.EvidenceViewAsync(followUp, outcome.Value!, cancellationToken));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> EvidenceFile(Guid id, Guid evidenceId, FollowUpQueries queries,
        AmaniDbContext db, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, tracked: false, cancellationToken) is null)
            return Problem.NotFound($"The follow-up {id}");
        var file = await db.Set<FollowUpEvidence>().AsNoTracking()
            .Where(e => e.Id == evidenceId && e.FollowUpId == id && e.Kind == FollowUpEvidenceKind.File).FirstOrDefaultAsync(cancellationToken);
        if (file?.Content is null)
            return Problem.NotFound($"The file {evidenceId}");
        return TypedResults.File(file.Content, file.ContentType ?? "application/octet-stream", file.FileName);
    }

    private static async Task<Results<Ok<FollowUpResponse>, ProblemHttpResult>> AnswerAsync(HttpContext http, FollowUpQueries queries,
        Outcome<FollowUp> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        http.Response.Headers.ETag = Versioning.ETag(outcome.Value!.Version);
        return TypedResults.Ok(await queries.DetailAsync(outcome.Value!, cancellationToken));
    }

    internal static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));
}

/// <summary>Follow-ups as CSV (RFC 4180, UTF-8): one row per follow-up, the board's columns.</summary>
public static class FollowUpCsv
{
    public static byte[] Write(IEnumerable<FollowUpSummary> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(false)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "id", "mission", "module", "title", "owner_kind", "owner", "area_pcode", "area", "due_at", "status", "overdue",
                         "progress", "escalation_level", "record_type", "record_id", "created_at", "closed_at" })
                csv.WriteField(header);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var field in new object?[]
                         {
                             row.Id, row.MissionCode, row.Module, Safe(row.Title), Camel(row.Owner.Kind),
                             Safe(row.Owner.Display), row.AreaPCode, Safe(row.AreaName), Iso(row.DueAt), FollowUpBook.Name(row.Status), row.Overdue ? "true" : "false",
                             row.Progress, row.EscalationLevel, row.RecordType, row.RecordId, Iso(row.CreatedAt), row.ClosedAt is { } closed ? Iso(closed) : "",
                         })
                    csv.WriteField(field?.ToString() ?? "");
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    private static string Iso(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Camel<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>A cell a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.</summary>
    private static string? Safe(string? text) => text is { Length: > 0 } && "=+-@\t\r".Contains(text[0]) ? "'" + text : text;
}
