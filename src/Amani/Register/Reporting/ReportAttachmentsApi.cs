using Amani.Foundation.Missions;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Amani.Register.Attachments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Reporting;

/// <summary>
/// Photos of community reports, which reporters send with the report (<see cref="ReportPhotos"/>): list, download the
/// copy without metadata, and — for <c>attachments:original</c>, audited — the original. Who may read the mission's
/// reports — in their area scope (<see cref="ReportTriage.FindAsync"/>) — may see their stripped photos; existence stays secret (404). The storage and the serving are the Attachments
/// module's (<see cref="AttachmentsApi"/>).
/// </summary>
public static class ReportAttachmentsApi
{
    public static RouteGroupBuilder MapReportAttachmentsApi(this RouteGroupBuilder api)
    {
        var report = api.MapGroup("/missions/{code}/reports/{id:guid}/attachments").WithTags("Attachments");
        report.MapGet("/", ListOfReport).WithName("ListReportAttachments").RequirePermission(Permission.ReportsRead);
        report.MapGet("/{attachmentId:guid}", DownloadOfReport).WithName("DownloadReportAttachment").RequirePermission(Permission.ReportsRead);
        report.MapGet("/{attachmentId:guid}/original", OriginalOfReport).WithName("DownloadReportAttachmentOriginal")
            .RequirePermission(Permission.AttachmentsOriginal);
        return api;
    }

    private static async Task<Results<Ok<AttachmentList>, ProblemHttpResult>> ListOfReport(string code, Guid id, AmaniDbContext db, ReportTriage triage,
        CancellationToken cancellationToken)
    {
        if (await triage.FindAsync(code, id, Permission.ReportsRead, cancellationToken) is null)
            return Problem.NotFound($"The report {id}");
        return TypedResults.Ok(await AttachmentsApi.ListAsync(db.Attachments.Where(a => a.ReportId == id), ReportBase(code, id), cancellationToken));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadOfReport(string code, Guid id, Guid attachmentId,
        AmaniDbContext db, ReportTriage triage, BlobStore blobs, HttpContext http, ILogger<BlobStore> logger, CancellationToken cancellationToken)
    {
        if (await triage.FindAsync(code, id, Permission.ReportsRead, cancellationToken) is null
            || await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.ReportId == id, cancellationToken) is not { } attachment)
            return Problem.NotFound($"The attachment {attachmentId}");
        return AttachmentsApi.Serve(attachment, original: false, blobs, http, logger);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> OriginalOfReport(string code, Guid id, Guid attachmentId,
        AmaniDbContext db, AccessContext access, ReportTriage triage, BlobStore blobs, AuditLog audit, HttpContext http, ILogger<BlobStore> logger,
        CancellationToken cancellationToken)
    {
        if (await triage.FindAsync(code, id, Permission.ReportsRead, cancellationToken) is null
            || await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.ReportId == id, cancellationToken) is not { } attachment
            || !await access.HasAsync(Permission.AttachmentsOriginal, attachment.MissionId, cancellationToken))
            return Problem.NotFound($"The attachment {attachmentId}");
        return await AttachmentsApi.OriginalAsync(attachment, db, audit, blobs, http, logger, cancellationToken);
    }

    private static string ReportBase(string code, Guid id) => $"/api/v1/missions/{code.Trim().ToUpperInvariant()}/reports/{id}/attachments";
}
