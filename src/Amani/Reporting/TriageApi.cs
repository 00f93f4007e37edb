using Amani.Access;
using Amani.Audit;
using Amani.Data;
using Amani.Incidents;
using Amani.Missions;
using Amani.Problems;
using Amani.Reporting.Sms;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Reporting;

/// <summary>
/// Staff work on community reports: the triage queue (new reports first), a report with its conversation, linking it
/// to an incident, replying to the reporter, and — audited, one reveal at a time — the reporter's contact.
/// </summary>
public static class TriageApi
{
    public const int MaxPageSize = 200;

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
        AmaniDbContext db, AccessContext access, Duplicates.DuplicateFinder duplicates, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ReportsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var query = db.CommunityReports.AsNoTracking().Where(r => r.MissionId == mission.Id);
        if (status is { } s)
            query = query.Where(r => r.Status == s);
        var size = Math.Clamp(limit ?? 50, 1, MaxPageSize);
        var skip = Math.Max(offset ?? 0, 0);
        var rows = await query.OrderBy(r => r.Status == ReportStatus.New ? 0 : 1).ThenByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id)
            .Skip(skip).Take(size + 1).Select(ToTriage).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var counts = await duplicates.CountLikelyAsync(mission.Id, await IncidentVisibility.VisibleAsync(db, access, mission.Id, cancellationToken),
            page.Where(r => r.IncidentId is null).Select(r => (r.Id, Duplicates.DuplicateFinder.SubjectOf(r))).ToList(), cancellationToken);
        return TypedResults.Ok(new TriagePage(page.Select(r => r with { PossibleDuplicates = counts.TryGetValue(r.Id, out var n) ? n : null }).ToList(),
            rows.Count > size ? skip + size : null));
    }

    private static async Task<Results<Ok<TriageReportDetail>, ProblemHttpResult>> Get(string code, Guid id, AmaniDbContext db, AccessContext access,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(db, access, code, id, Permission.ReportsRead, cancellationToken) is not var (_, report))
            return Problem.NotFound($"The report {id}");
        var messages = await db.ReportMessages.AsNoTracking().Where(m => m.ReportId == id).OrderBy(m => m.At).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TriageReportDetail(ToTriageReport(report), messages.Select(ReporterView.Message).ToList()));
    }

    private static async Task<Results<Ok<TriageReport>, ProblemHttpResult, ValidationProblem>> Link(string code, Guid id, LinkReportRequest request,
        AmaniDbContext db, AccessContext access, IncidentRules incidents, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, access, code, id, Permission.ReportsTriage, cancellationToken) is not var (mission, report))
            return Problem.NotFound($"The report {id}");
        if ((request.IncidentId is null) == (request.NewIncident is null))
            return Problem.Invalid("incidentId", "Give either incidentId (an existing incident) or newIncident (to record one from this report).");
        Guid incidentId;
        if (request.IncidentId is { } existing)
        {
            if (!await (await IncidentVisibility.VisibleAsync(db, access, mission.Id, cancellationToken)).AnyAsync(i => i.Id == existing, cancellationToken))
                return Problem.Invalid("incidentId", $"There is no incident {existing} in {mission.Code} that you can see.");
            incidentId = existing;
        }
        else
        {
            if (ShapeChecks.Check(request.NewIncident!) is { } invalid)
                return Problem.Invalid("newIncident", invalid);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var created = await incidents.CreateAsync(mission, request.NewIncident!, access.UserId!.Value, cancellationToken);
            if (!created.Succeeded)
                return Problem.Invalid($"newIncident.{created.Field}", created.Error!);
            incidentId = created.Value!.Id;
            await LinkAsync(db, audit, clock, report, incidentId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return TypedResults.Ok(ToTriageReport(report));
        }
        await LinkAsync(db, audit, clock, report, incidentId, cancellationToken);
        return TypedResults.Ok(ToTriageReport(report));
    }

    private static async Task LinkAsync(AmaniDbContext db, AuditLog audit, TimeProvider clock, CommunityReport report, Guid incidentId,
        CancellationToken cancellationToken)
    {
        report.IncidentId = incidentId;
        report.Status = ReportStatus.Linked;
        report.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(AuditAction.ReportLinked, "community_report", report.Id, $"Report linked to incident {incidentId}.");
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<Results<Created<StaffReplyResponse>, ProblemHttpResult>> Reply(string code, Guid id, ReplyRequest request, AmaniDbContext db,
        AccessContext access, AuditLog audit, SmsReplies sms, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, access, code, id, Permission.ReportsTriage, cancellationToken) is not var (_, report))
            return Problem.NotFound($"The report {id}");
        var message = new ReportMessage
        {
            ReportId = report.Id, Direction = MessageDirection.ToReporter, Body = request.Body.Trim(), AuthorUserId = access.UserId,
            At = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime),
        };
        db.ReportMessages.Add(message);
        if (report.Status == ReportStatus.New)
            report.Status = ReportStatus.InReview;
        report.UpdatedAt = message.At;
        audit.Record(AuditAction.ReportReplied, "community_report", report.Id, $"Reply sent to the reporter ({report.Channel}).");
        var smsDelivery = sms.Queue(report, message); // same transaction as the reply and its audit row
        await db.SaveChangesAsync(cancellationToken);
        sms.Saved();
        var shown = ReporterView.Message(message);
        return TypedResults.Created($"/api/v1/missions/{code}/reports/{id}", new StaffReplyResponse(shown.From, shown.Body, shown.At, smsDelivery));
    }

    private static async Task<Results<Ok<TriageReport>, ProblemHttpResult>> SetStatus(string code, Guid id, ReportStatusRequest request, AmaniDbContext db,
        AccessContext access, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, access, code, id, Permission.ReportsTriage, cancellationToken) is not var (_, report))
            return Problem.NotFound($"The report {id}");
        if (report.Status != request.Status)
        {
            audit.Record(AuditAction.ReportStatusChanged, "community_report", report.Id, $"Report moved from {report.Status} to {request.Status}.");
            report.Status = request.Status!.Value;
            report.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(ToTriageReport(report));
    }

    private static async Task<Results<Ok<ContactDetails>, ProblemHttpResult>> RevealContact(string code, Guid id, AmaniDbContext db, AccessContext access,
        ContactProtection contacts, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, access, code, id, Permission.ReportsRevealContact, cancellationToken) is not var (_, report))
            return Problem.NotFound($"The report {id}");
        if (report.ContactProtected is null || !report.ConsentToContact)
            return Problem.NotFound("Contact details for this report (the reporter stayed anonymous)");
        audit.Record(AuditAction.ReportContactRevealed, "community_report", report.Id, "The reporter's contact details were revealed.");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(contacts.Unprotect(report.ContactProtected)!);
    }

    private static async Task<(Mission, CommunityReport)?> FindAsync(AmaniDbContext db, AccessContext access, string code, Guid id, Permission permission,
        CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, permission, cancellationToken) is not { } mission)
            return null;
        var report = await db.CommunityReports.FirstOrDefaultAsync(r => r.Id == id && r.MissionId == mission.Id, cancellationToken);
        return report is null ? null : (mission, report);
    }

    private static readonly System.Linq.Expressions.Expression<Func<CommunityReport, TriageReport>> ToTriage = r => new TriageReport(
        r.Id, r.TrackingCode.Substring(0, 4) + "-" + r.TrackingCode.Substring(4, 4) + "-" + r.TrackingCode.Substring(8, 4), r.Channel, r.Status,
        r.Description, r.Latitude, r.Longitude, r.PlaceName, r.AreaId, r.OccurredAt, r.Language, r.ContactProtected != null, r.ConsentToContact,
        r.IncidentId, r.AssignedToUserId, r.ReceivedAt, null);

    private static readonly Func<CommunityReport, TriageReport> ToTriageReport = ToTriage.Compile();
}
