using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Amani.Platform.Records;
using Amani.Register.Reporting.Sms;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Reporting;

/// <summary>
/// Staff work on community reports: the triage queue (new reports first), a report with its conversation, linking it
/// to an incident, replying to the reporter, and — audited, one reveal at a time — the reporter's contact. A report
/// answers its version as the ETag; linking, replying and moving it need that ETag in If-Match (428 without, 412 when
/// stale), like incidents.
/// </summary>
public static class TriageApi
{
    public const int MaxPageSize = Paging.MaxPageSize;

    public static RouteGroupBuilder MapTriageApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/missions/{code}/reports").WithTags("Community reports (triage)");
        reports.MapGet("/", Queue).WithName("TriageQueue").RequirePermission(Permission.ReportsRead);
        reports.MapGet("/{id:guid}", Get).WithName("GetTriageReport").RequirePermission(Permission.ReportsRead);
        reports.MapPost("/{id:guid}/link", Link).WithName("LinkReport").RequirePermission(Permission.ReportsTriage);
        reports.MapPost("/{id:guid}/replies", Reply).WithName("ReplyToReporter").RequirePermission(Permission.ReportsTriage);
        reports.MapPost("/{id:guid}/status", SetStatus).WithName("SetReportStatus").RequirePermission(Permission.ReportsTriage);
        reports.MapPost("/{id:guid}/contact", RevealContact).WithName("RevealReporterContact").RequirePermission(Permission.ReportsRevealContact);
        return api;
    }

    private static async Task<Results<Ok<TriagePage>, ProblemHttpResult>> Queue(string code, ReportStatus? status, int? offset, int? limit,
        AmaniDbContext db, AccessContext access, IReportDuplicates duplicates, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ReportsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var scope = await access.AreaScopeAsync(mission.Id, Permission.ReportsRead, cancellationToken) ?? AreaScope.Nowhere;
        var query = scope.Filter(db.CommunityReports.AsNoTracking().Where(r => r.MissionId == mission.Id), r => r.AreaId);
        if (status is { } s)
            query = query.Where(r => r.Status == s);
        var size = Paging.Size(limit);
        var skip = Math.Max(offset ?? 0, 0);
        var rows = await query.OrderBy(r => r.Status == ReportStatus.New ? 0 : 1).ThenByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id)
            .Skip(skip).Take(size + 1).Select(ToTriage).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var counts = await duplicates.CountLikelyAsync(mission, page.Where(r => r.IncidentId is null).ToList(), cancellationToken);
        return TypedResults.Ok(new TriagePage(page.Select(r => r with { PossibleDuplicates = counts.TryGetValue(r.Id, out var n) ? n : null }).ToList(),
            rows.Count > size ? skip + size : null));
    }

    private static async Task<Results<Ok<TriageReportDetail>, ProblemHttpResult>> Get(string code, Guid id, AmaniDbContext db, ReportTriage triage,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (await triage.FindAsync(code, id, Permission.ReportsRead, cancellationToken) is not var (_, report))
            return Problem.NotFound($"The report {id}");
        var messages = await db.ReportMessages.AsNoTracking().Where(m => m.ReportId == id).OrderBy(m => m.At).ToListAsync(cancellationToken);
        http.Response.Headers.ETag = Versioning.ETag(report.Version);
        var history = await db.Set<ReportStatusChange>().AsNoTracking().Where(c => c.ReportId == id).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new ReportHistoryEntry(c.FromStatus, c.ToStatus, c.Actor, c.Text, c.At)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TriageReportDetail(ToTriageReport(report), messages.Select(ReporterView.Message).ToList(), history));
    }

    private static async Task<Results<Ok<TriageReport>, ProblemHttpResult>> Link(string code, Guid id, LinkReportRequest request,
        ReportTriage triage, HttpContext http, CancellationToken cancellationToken)
    {
        if (await triage.FindAsync(code, id, Permission.ReportsTriage, cancellationToken) is not var (mission, report))
            return Problem.NotFound($"The report {id}");
        return await VersionedAsync(http, expected => triage.LinkAsync(mission, report, expected, request, cancellationToken));
    }

    private static async Task<Results<Created<StaffReplyResponse>, ProblemHttpResult>> Reply(string code, Guid id, ReplyRequest request,
        ReportTriage triage, HttpContext http, CancellationToken cancellationToken)
    {
        if (await triage.FindAsync(code, id, Permission.ReportsTriage, cancellationToken) is not var (_, report))
            return Problem.NotFound($"The report {id}");
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return VersionRequired();
        var replied = await triage.ReplyAsync(report, expected, request.Body, cancellationToken);
        if (replied.Refusal is { } refused)
            return Problem.Of(refused);
        var shown = ReporterView.Message(replied.Value!.Message);
        http.Response.Headers.ETag = Versioning.ETag(report.Version);
        return TypedResults.Created($"/api/v1/missions/{code}/reports/{id}", new StaffReplyResponse(shown.From, shown.Body, shown.At, replied.Value.Sms));
    }

    private static async Task<Results<Ok<TriageReport>, ProblemHttpResult>> SetStatus(string code, Guid id, ReportStatusRequest request,
        ReportTriage triage, HttpContext http, CancellationToken cancellationToken)
    {
        if (await triage.FindAsync(code, id, Permission.ReportsTriage, cancellationToken) is not var (_, report))
            return Problem.NotFound($"The report {id}");
        return await VersionedAsync(http, expected => triage.SetStatusAsync(report, expected, request.Status!.Value, cancellationToken));
    }

    /// <summary>Runs a change guarded by If-Match: 428 without it, else the refusal's problem (412 when stale, 400 on a rule violation), else the report and its ETag.</summary>
    private static async Task<Results<Ok<TriageReport>, ProblemHttpResult>> VersionedAsync(HttpContext http,
        Func<int, Task<Outcome<CommunityReport>>> change)
    {
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return VersionRequired();
        var changed = await change(expected);
        if (changed.Refusal is { } refused)
            return Problem.Of(refused);
        http.Response.Headers.ETag = Versioning.ETag(changed.Value!.Version);
        return TypedResults.Ok(ToTriageReport(changed.Value));
    }

    private static ProblemHttpResult VersionRequired() =>
        Problem.Of(ProblemType.PreconditionRequired, "Send the report's ETag in If-Match (GET the report to read it).");

    private static async Task<Results<Ok<ContactDetails>, ProblemHttpResult>> RevealContact(string code, Guid id, ReportTriage triage,
        CancellationToken cancellationToken)
    {
        if (await triage.FindAsync(code, id, Permission.ReportsRevealContact, cancellationToken) is not var (_, report))
            return Problem.NotFound($"The report {id}");
        if (await triage.RevealContactAsync(report, cancellationToken) is not { } contact)
            return Problem.NotFound("Contact details for this report (the reporter stayed anonymous)");
        return TypedResults.Ok(contact);
    }

    private static readonly System.Linq.Expressions.Expression<Func<CommunityReport, TriageReport>> ToTriage = r => new TriageReport(
        r.Id, r.TrackingCode.Substring(0, 4) + "-" + r.TrackingCode.Substring(4, 4) + "-" + r.TrackingCode.Substring(8, 4), r.Channel, r.Status,
        r.Description, r.Latitude, r.Longitude, r.PlaceName, r.AreaId, r.OccurredAt, r.Language, r.ContactProtected != null, r.ConsentToContact,
        r.IncidentId, r.AssignedToUserId, r.ReceivedAt, r.Version, null);

    private static readonly Func<CommunityReport, TriageReport> ToTriageReport = ToTriage.Compile();
}
