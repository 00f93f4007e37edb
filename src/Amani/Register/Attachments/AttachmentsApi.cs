using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Amani.Register.Reporting;

namespace Amani.Register.Attachments;

/// <summary>
/// Photos of incidents (staff upload them) and of community reports (reporters send them with the report, see
/// <see cref="ReportPhotos"/>): list, download the copy without metadata, and — for <c>attachments:original</c>,
/// audited — the original. Who may see the incident or report may see its stripped photos; existence stays secret (404).
/// </summary>
public static class AttachmentsApi
{
    public static IServiceCollection AddAttachments(this IServiceCollection services) =>
        services.AddSingleton<BlobStore>().AddSingleton<PhotoUploads>().AddScoped<ReportPhotos>();

    public static RouteGroupBuilder MapAttachmentsApi(this RouteGroupBuilder api)
    {
        var incident = api.MapGroup("/incidents/{id:guid}/attachments").WithTags("Attachments");
        incident.MapPost("/", UploadToIncident).WithName("UploadIncidentAttachments").RequirePermission(Permission.IncidentsRecord)
            .WithMetadata(new RequestSizeLimitAttribute(AttachmentLimits.MaxRequestBytes)); // no Accepts(): the caller is authenticated before the content type is judged
        incident.MapGet("/", ListOfIncident).WithName("ListIncidentAttachments").RequirePermission(Permission.IncidentsRead);
        incident.MapGet("/{attachmentId:guid}", DownloadOfIncident).WithName("DownloadIncidentAttachment").RequirePermission(Permission.IncidentsRead);
        incident.MapGet("/{attachmentId:guid}/original", OriginalOfIncident).WithName("DownloadIncidentAttachmentOriginal")
            .RequirePermission(Permission.AttachmentsOriginal);

        var report = api.MapGroup("/missions/{code}/reports/{id:guid}/attachments").WithTags("Attachments");
        report.MapGet("/", ListOfReport).WithName("ListReportAttachments").RequirePermission(Permission.ReportsRead);
        report.MapGet("/{attachmentId:guid}", DownloadOfReport).WithName("DownloadReportAttachment").RequirePermission(Permission.ReportsRead);
        report.MapGet("/{attachmentId:guid}/original", OriginalOfReport).WithName("DownloadReportAttachmentOriginal")
            .RequirePermission(Permission.AttachmentsOriginal);
        return api;
    }

    private static async Task<Results<Created<AttachmentList>, ProblemHttpResult, ValidationProblem>> UploadToIncident(Guid id, HttpContext http,
        AmaniDbContext db, AccessContext access, PhotoUploads uploads, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await IncidentMissionAsync(db, access, id, Permission.IncidentsRecord, cancellationToken) is not { } missionId)
            return Problem.NotFound($"The incident {id}");
        if (!http.Request.HasFormContentType || !http.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Problem.Of(ProblemType.UnsupportedMediaType,
                $"Send the photos as 'multipart/form-data' (one or more file fields), not as '{http.Request.ContentType ?? "no content type"}'.");
        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form.Files.Count == 0)
            return Problem.Invalid("file", "Attach at least one photo (JPEG, PNG or WebP) as a file field.");
        var (photos, refused) = await PhotoUploads.CheckAsync(form.Files, cancellationToken);
        if (refused is not null)
            return refused;
        var stored = await uploads.StoreAsync(photos, cancellationToken);
        var rows = AttachmentRows.Add(db, audit, missionId, null, id, stored, AuditChain.Truncate(clock.GetUtcNow().UtcDateTime), access.UserId);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/incidents/{id}/attachments", new AttachmentList(rows.Select(r => View(r, IncidentBase(id))).ToList()));
    }

    private static async Task<Results<Ok<AttachmentList>, ProblemHttpResult>> ListOfIncident(Guid id, AmaniDbContext db, AccessContext access,
        CancellationToken cancellationToken)
    {
        if (await IncidentMissionAsync(db, access, id, Permission.IncidentsRead, cancellationToken) is null)
            return Problem.NotFound($"The incident {id}");
        return TypedResults.Ok(await ListAsync(db.Attachments.Where(a => a.IncidentId == id), IncidentBase(id), cancellationToken));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadOfIncident(Guid id, Guid attachmentId, AmaniDbContext db,
        AccessContext access, BlobStore blobs, HttpContext http, ILogger<BlobStore> logger, CancellationToken cancellationToken)
    {
        if (await IncidentMissionAsync(db, access, id, Permission.IncidentsRead, cancellationToken) is null
            || await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.IncidentId == id, cancellationToken) is not { } attachment)
            return Problem.NotFound($"The attachment {attachmentId}");
        return Serve(attachment, original: false, blobs, http, logger);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> OriginalOfIncident(Guid id, Guid attachmentId, AmaniDbContext db,
        AccessContext access, BlobStore blobs, AuditLog audit, HttpContext http, ILogger<BlobStore> logger, CancellationToken cancellationToken)
    {
        if (await IncidentMissionAsync(db, access, id, Permission.IncidentsRead, cancellationToken) is not { } missionId
            || !await access.HasAsync(Permission.AttachmentsOriginal, missionId, cancellationToken)
            || await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.IncidentId == id, cancellationToken) is not { } attachment)
            return Problem.NotFound($"The attachment {attachmentId}");
        return await OriginalAsync(attachment, db, audit, blobs, http, logger, cancellationToken);
    }

    private static async Task<Results<Ok<AttachmentList>, ProblemHttpResult>> ListOfReport(string code, Guid id, AmaniDbContext db, AccessContext access,
        CancellationToken cancellationToken)
    {
        if (!await ReportVisibleAsync(db, access, code, id, cancellationToken))
            return Problem.NotFound($"The report {id}");
        return TypedResults.Ok(await ListAsync(db.Attachments.Where(a => a.ReportId == id), ReportBase(code, id), cancellationToken));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadOfReport(string code, Guid id, Guid attachmentId,
        AmaniDbContext db, AccessContext access, BlobStore blobs, HttpContext http, ILogger<BlobStore> logger, CancellationToken cancellationToken)
    {
        if (!await ReportVisibleAsync(db, access, code, id, cancellationToken)
            || await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.ReportId == id, cancellationToken) is not { } attachment)
            return Problem.NotFound($"The attachment {attachmentId}");
        return Serve(attachment, original: false, blobs, http, logger);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> OriginalOfReport(string code, Guid id, Guid attachmentId,
        AmaniDbContext db, AccessContext access, BlobStore blobs, AuditLog audit, HttpContext http, ILogger<BlobStore> logger,
        CancellationToken cancellationToken)
    {
        if (!await ReportVisibleAsync(db, access, code, id, cancellationToken)
            || await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.ReportId == id, cancellationToken) is not { } attachment
            || !await access.HasAsync(Permission.AttachmentsOriginal, attachment.MissionId, cancellationToken))
            return Problem.NotFound($"The attachment {attachmentId}");
        return await OriginalAsync(attachment, db, audit, blobs, http, logger, cancellationToken);
    }

    /// <summary>The original, after its download was audited (the audit row is committed before a byte is sent).</summary>
    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> OriginalAsync(Attachment attachment, AmaniDbContext db, AuditLog audit,
        BlobStore blobs, HttpContext http, ILogger logger, CancellationToken cancellationToken)
    {
        if (!blobs.Exists(attachment.OriginalHash))
            return Serve(attachment, original: true, blobs, http, logger);
        audit.Record(AuditAction.AttachmentOriginalDownloaded, Attachment.AuditEntity, attachment.Id,
            "The original of a photo (with its metadata) was downloaded" + (attachment.ReportId is { } report ? $" from community report {report}." : $" from incident {attachment.IncidentId}."));
        await db.SaveChangesAsync(cancellationToken);
        return Serve(attachment, original: true, blobs, http, logger);
    }

    private static Results<FileStreamHttpResult, ProblemHttpResult> Serve(Attachment attachment, bool original, BlobStore blobs, HttpContext http,
        ILogger logger)
    {
        if (blobs.OpenRead(original ? attachment.OriginalHash : attachment.StrippedHash) is not { } stream)
        {
            logger.LogWarning("The file of attachment {AttachmentId} is missing from {BlobRoot}; on several nodes the data directory must be shared storage",
                attachment.Id, blobs.Root);
            return Problem.NotFound($"The file of attachment {attachment.Id} (it is missing from the server's data directory; tell an administrator)");
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(stream, attachment.MediaType, attachment.FileName);
    }

    private static async Task<AttachmentList> ListAsync(IQueryable<Attachment> query, string baseUrl, CancellationToken cancellationToken) =>
        new((await query.AsNoTracking().OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken)).Select(a => View(a, baseUrl)).ToList());

    private static AttachmentResponse View(Attachment a, string baseUrl) => new(a.Id, a.FileName, a.MediaType, a.StrippedByteSize, a.ByteSize, a.Width,
        a.Height, a.StrippedHash, a.CreatedAt, a.CreatedByUserId, $"{baseUrl}/{a.Id}", $"{baseUrl}/{a.Id}/original");

    private static string IncidentBase(Guid id) => $"/api/v1/incidents/{id}/attachments";

    private static string ReportBase(string code, Guid id) => $"/api/v1/missions/{code.Trim().ToUpperInvariant()}/reports/{id}/attachments";

    /// <summary>The incident's mission when the caller holds <paramref name="permission"/> there and may see the incident; else null (404).</summary>
    private static async Task<Guid?> IncidentMissionAsync(AmaniDbContext db, AccessContext access, Guid id, Permission permission,
        CancellationToken cancellationToken)
    {
        var missionId = await db.Incidents.Where(i => i.Id == id).Select(i => (Guid?)i.MissionId).FirstOrDefaultAsync(cancellationToken);
        if (missionId is not { } mission || !await access.HasAsync(permission, mission, cancellationToken))
            return null;
        return await (await IncidentVisibility.VisibleAsync(db, access, mission, cancellationToken)).AnyAsync(i => i.Id == id, cancellationToken)
            ? mission
            : null;
    }

    private static async Task<bool> ReportVisibleAsync(AmaniDbContext db, AccessContext access, string code, Guid id, CancellationToken cancellationToken) =>
        await MissionLookup.FindVisibleAsync(db, access, code, Permission.ReportsRead, cancellationToken) is { } mission
        && await db.CommunityReports.AnyAsync(r => r.Id == id && r.MissionId == mission.Id, cancellationToken);
}
