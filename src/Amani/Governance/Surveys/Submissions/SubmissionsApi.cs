using System.Runtime.CompilerServices;
using Amani.Platform.Access;
using Amani.Platform.Problems;
using Amani.Platform.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Amani.Governance.Surveys.Submissions;

/// <summary>A column of the table: its name and HXL hashtag.</summary>
public sealed record TableColumnResponse(string Name, string? Hxl);

/// <summary>A page of the submissions table (or of one repeat's table): columns, rows of cells, the next page's cursor.</summary>
public sealed record SubmissionTablePage(string? Repeat, IReadOnlyList<string> Repeats, IReadOnlyList<TableColumnResponse> Columns,
    IReadOnlyList<string?[]> Rows, string? Next);

/// <summary>
/// The submissions of a form as a table, its exports, its map, and their review, under
/// <c>/api/v1/missions/{code}/forms/{xmlFormId}</c>: <c>GET submissions/table</c> (cursor paging), <c>GET submissions.csv</c>,
/// <c>submissions.hxl.csv</c>, <c>submissions.xlsx</c> (<c>?for=partners</c>: the shareable export; <c>?repeat=path</c>: a
/// repeat's table in CSV; <c>?split=true</c>: a 0/1 column per choice of a select_multiple), <c>GET submissions.geojson</c>,
/// and per submission <c>GET/POST …/review</c> (surveys:manage, If-Match) and <c>GET/POST …/comments</c> (anyone who sees the
/// submissions). A sensitive survey's submissions: its team only.
/// </summary>
public static class SubmissionsApi
{
    public static RouteGroupBuilder MapSubmissionsApi(this RouteGroupBuilder api)
    {
        var form = api.MapGroup("/missions/{code}/forms/{xmlFormId}").WithTags("Surveys");
        form.MapGet("/submissions/table", Table).WithName("GetSubmissionTable").RequirePermission(Permission.SurveysRead);
        form.MapGet("/submissions.csv", (string code, string xmlFormId, HttpContext http, SubmissionsAccess access, SubmissionRows rows, CancellationToken ct,
                [FromQuery(Name = "for")] string? audience, string? repeat, bool? split) => Csv(code, xmlFormId, http, access, rows, ct, audience, repeat, split, false))
            .WithName("ExportSubmissionsCsv").RequirePermission(Permission.SurveysRead);
        form.MapGet("/submissions.hxl.csv", (string code, string xmlFormId, HttpContext http, SubmissionsAccess access, SubmissionRows rows, CancellationToken ct,
                [FromQuery(Name = "for")] string? audience, string? repeat, bool? split) => Csv(code, xmlFormId, http, access, rows, ct, audience, repeat, split, true))
            .WithName("ExportSubmissionsHxl").RequirePermission(Permission.SurveysRead);
        form.MapGet("/submissions.xlsx", Xlsx).WithName("ExportSubmissionsXlsx").RequirePermission(Permission.SurveysRead);
        form.MapGet("/submissions.geojson", GeoJson).WithName("ExportSubmissionsGeoJson").RequirePermission(Permission.SurveysRead);
        form.MapGet("/submissions/{instanceId}/review", History).WithName("GetSubmissionReview").RequirePermission(Permission.SurveysRead);
        form.MapPost("/submissions/{instanceId}/review", Review).WithName("ReviewSubmission").RequirePermission(Permission.SurveysManage);
        form.MapGet("/submissions/{instanceId}/comments", Comments).WithName("ListSubmissionComments").RequirePermission(Permission.SurveysRead);
        form.MapPost("/submissions/{instanceId}/comments", Comment).WithName("CommentSubmission").RequirePermission(Permission.SurveysRead);
        return api;
    }

    private static Refusal? Audience(string? audience, out bool forPartners)
    {
        forPartners = string.Equals(audience, "partners", StringComparison.OrdinalIgnoreCase);
        return audience is null or "" || forPartners || string.Equals(audience, "staff", StringComparison.OrdinalIgnoreCase)
            ? null : Refusal.Invalid("for", $"'for' is 'partners' (the shareable export) or absent (the full export), not '{audience}'.");
    }

    private static async Task<Results<Ok<SubmissionTablePage>, ProblemHttpResult>> Table(string code, string xmlFormId, SubmissionsAccess access,
        SubmissionRows reader, CancellationToken cancellationToken, string? cursor = null, int? limit = null, string? repeat = null, bool? split = null,
        [FromQuery(Name = "for")] string? audience = null)
    {
        var (found, refused) = await access.FormAsync(code, xmlFormId, cancellationToken);
        if (refused is not null)
            return refused;
        if (Audience(audience, out var forPartners) is { } bad)
            return Problem.Of(bad);
        (DateTime, Guid)? after = null;
        if (cursor is not null)
        {
            if (!Paging.TryParseCursor(cursor, out var parsed))
                return Problem.Of(Refusal.Invalid("cursor", Paging.BadCursor));
            after = parsed;
        }
        var layout = await reader.LayoutAsync(found!.Form, forPartners, split ?? false, cancellationToken);
        if (repeat is not null && !layout.Repeats.ContainsKey(repeat))
            return Problem.Of(UnknownRepeat(repeat, layout));
        var size = Paging.Size(limit);
        var areas = await reader.AreasAsync(found.Form.MissionId, cancellationToken);
        var link = SubmissionRows.AttachmentBase(found.MissionCode, found.Form);
        var submissions = new List<SubmissionRecord>();
        await foreach (var s in reader.ReadAsync(found.Form, after, size + 1, cancellationToken))
            submissions.Add(s);
        var rows = new List<string?[]>();
        foreach (var s in submissions.Take(size))
        {
            var root = SubmissionLayout.Root(s.Xml);
            if (repeat is null)
                rows.Add(layout.MainRow(s, root, areas, link));
            else
                rows.AddRange(layout.RepeatRows(repeat, s, root, areas, link));
        }
        var columns = repeat is null ? layout.Main : layout.Repeats[repeat];
        return TypedResults.Ok(new SubmissionTablePage(repeat, layout.Repeats.Keys.Order(StringComparer.Ordinal).ToList(),
            columns.Select(c => new TableColumnResponse(c.Name, c.Hxl)).ToList(), rows,
            submissions.Count > size ? Paging.Cursor(submissions[size - 1].ReceivedAt, submissions[size - 1].Id) : null));
    }

    private static Refusal UnknownRepeat(string repeat, SubmissionLayout layout) =>
        Refusal.Invalid("repeat", layout.Repeats.Count == 0
            ? $"The form has no repeat; '{repeat}' is not one."
            : $"The form has no repeat '{repeat}'; its repeats are: {string.Join(", ", layout.Repeats.Keys.Order(StringComparer.Ordinal))}.");

    private static async IAsyncEnumerable<string?[]> RowsAsync(SubmissionLayout layout, string? repeat, IAsyncEnumerable<SubmissionRecord> submissions,
        PointAreas areas, string link, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var s in submissions.WithCancellation(cancellationToken))
        {
            var root = SubmissionLayout.Root(s.Xml);
            if (repeat is null)
                yield return layout.MainRow(s, root, areas, link);
            else
                foreach (var row in layout.RepeatRows(repeat, s, root, areas, link))
                    yield return row;
        }
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Csv(string code, string xmlFormId, HttpContext http, SubmissionsAccess access,
        SubmissionRows reader, CancellationToken cancellationToken, string? audience, string? repeat, bool? split, bool hxl)
    {
        var (found, refused) = await access.FormAsync(code, xmlFormId, cancellationToken);
        if (refused is not null)
            return refused;
        if (Audience(audience, out var forPartners) is { } bad)
            return Problem.Of(bad);
        var layout = await reader.LayoutAsync(found!.Form, forPartners, split ?? false, cancellationToken);
        if (repeat is not null && !layout.Repeats.ContainsKey(repeat))
            return Problem.Of(UnknownRepeat(repeat, layout));
        var areas = await reader.AreasAsync(found.Form.MissionId, cancellationToken);
        var rows = RowsAsync(layout, repeat, reader.ReadAsync(found.Form, null, null, cancellationToken), areas,
            SubmissionRows.AttachmentBase(found.MissionCode, found.Form), cancellationToken);
        http.Response.Headers.CacheControl = "private, no-store";
        var name = $"{found.Form.XmlFormId}{(repeat is null ? "" : "-" + repeat.Replace('/', '.'))}{(forPartners ? "-partners" : "")}{(hxl ? ".hxl" : "")}.csv";
        return TypedResults.Stream(body => SubmissionExports.WriteCsvAsync(repeat is null ? layout.Main : layout.Repeats[repeat], rows, hxl, body, cancellationToken),
            "text/csv; charset=utf-8", name);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Xlsx(string code, string xmlFormId, HttpContext http, SubmissionsAccess access,
        SubmissionRows reader, CancellationToken cancellationToken, [FromQuery(Name = "for")] string? audience = null, bool? split = null)
    {
        var (found, refused) = await access.FormAsync(code, xmlFormId, cancellationToken);
        if (refused is not null)
            return refused;
        if (Audience(audience, out var forPartners) is { } bad)
            return Problem.Of(bad);
        var layout = await reader.LayoutAsync(found!.Form, forPartners, split ?? false, cancellationToken);
        var areas = await reader.AreasAsync(found.Form.MissionId, cancellationToken);
        var link = SubmissionRows.AttachmentBase(found.MissionCode, found.Form);
        IEnumerable<string?[]> Rows(string? repeat) =>
            RowsAsync(layout, repeat, reader.ReadAsync(found.Form, null, null, cancellationToken), areas, link, cancellationToken).ToBlockingEnumerable(cancellationToken);
        var sheets = new List<(string, IReadOnlyList<TableColumn>, IEnumerable<string?[]>)> { (SubmissionExports.MainSheet, layout.Main, Rows(null)) };
        sheets.AddRange(layout.Repeats.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value, Rows(r.Key))));
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            await Task.Run(() => SubmissionExports.WriteXlsx(sheets, file), cancellationToken); // the database is read a batch at a time while the workbook is written
        }
        catch
        {
            await file.DisposeAsync(); // deletes the temporary file
            throw;
        }
        file.Position = 0;
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"{found.Form.XmlFormId}{(forPartners ? "-partners" : "")}.xlsx");
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> GeoJson(string code, string xmlFormId, HttpContext http, SubmissionsAccess access,
        SubmissionRows reader, CancellationToken cancellationToken)
    {
        var (found, refused) = await access.FormAsync(code, xmlFormId, cancellationToken);
        if (refused is not null)
            return refused;
        var layout = await reader.LayoutAsync(found!.Form, false, false, cancellationToken);
        var areas = await reader.AreasAsync(found.Form.MissionId, cancellationToken);
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Stream(body => SubmissionExports.WriteGeoJsonAsync(layout, reader.ReadAsync(found.Form, null, null, cancellationToken), areas, body,
            cancellationToken), "application/geo+json", $"{found.Form.XmlFormId}.geojson");
    }

    private static async Task<Results<Ok<ReviewHistory>, ProblemHttpResult>> History(string code, string xmlFormId, string instanceId, HttpContext http,
        SubmissionsAccess access, SubmissionReviews reviews, CancellationToken cancellationToken)
    {
        var (found, refused) = await access.FormAsync(code, xmlFormId, cancellationToken);
        if (refused is not null)
            return refused;
        if (await reviews.FindAsync(found!.Form, instanceId, cancellationToken) is not { } submission)
            return Problem.NotFound($"The submission {instanceId}");
        http.Response.Headers.ETag = Versioning.ETag(submission.Version);
        return TypedResults.Ok(await reviews.HistoryAsync(submission, false, cancellationToken));
    }

    private static async Task<Results<Ok<ReviewHistory>, ProblemHttpResult>> Review(string code, string xmlFormId, string instanceId, ReviewInput input,
        HttpContext http, SubmissionsAccess access, SubmissionReviews reviews, CancellationToken cancellationToken)
    {
        var (found, refused) = await access.FormAsync(code, xmlFormId, cancellationToken);
        if (refused is not null)
            return refused;
        if (!found!.Rights.Manages)
            return Problem.Forbidden("Only those who manage the mission's surveys (surveys:manage in this mission) review submissions; you can comment on them.");
        if (await reviews.FindAsync(found.Form, instanceId, cancellationToken) is not { } submission)
            return Problem.NotFound($"The submission {instanceId}");
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the submission's ETag in If-Match (GET its review to read it).");
        var outcome = await reviews.ReviewAsync(submission, expected, input, found.Rights.UserId, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        http.Response.Headers.ETag = Versioning.ETag(submission.Version);
        return TypedResults.Ok(await reviews.HistoryAsync(submission, false, cancellationToken));
    }

    private static async Task<Results<Ok<ReviewHistory>, ProblemHttpResult>> Comments(string code, string xmlFormId, string instanceId,
        SubmissionsAccess access, SubmissionReviews reviews, CancellationToken cancellationToken)
    {
        var (found, refused) = await access.FormAsync(code, xmlFormId, cancellationToken);
        if (refused is not null)
            return refused;
        return await reviews.FindAsync(found!.Form, instanceId, cancellationToken) is { } submission
            ? TypedResults.Ok(await reviews.HistoryAsync(submission, true, cancellationToken))
            : Problem.NotFound($"The submission {instanceId}");
    }

    private static async Task<Results<Created<ReviewHistory>, ProblemHttpResult>> Comment(string code, string xmlFormId, string instanceId, CommentInput input,
        SubmissionsAccess access, SubmissionReviews reviews, CancellationToken cancellationToken)
    {
        var (found, refused) = await access.FormAsync(code, xmlFormId, cancellationToken);
        if (refused is not null)
            return refused;
        if (await reviews.FindAsync(found!.Form, instanceId, cancellationToken) is not { } submission)
            return Problem.NotFound($"The submission {instanceId}");
        var outcome = await reviews.CommentAsync(submission, input, found.Rights.UserId, cancellationToken);
        return outcome.Refusal is { } refusal
            ? Problem.Of(refusal)
            : TypedResults.Created($"/api/v1/missions/{found.MissionCode}/forms/{xmlFormId}/submissions/{Uri.EscapeDataString(instanceId)}/comments",
                await reviews.HistoryAsync(submission, true, cancellationToken));
    }
}
