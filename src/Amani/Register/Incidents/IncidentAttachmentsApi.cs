using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Amani.Register.Attachments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Incidents;

/// <summary>
/// Photos of incidents, which staff upload: upload, list, download the copy without metadata, and — for
/// <c>attachments:original</c>, audited — the original. Who may see the incident may see its stripped photos; existence
/// stays secret (404). The routes are here because only this module knows who may see an incident; the storage and the
/// serving are the Attachments module's (<see cref="AttachmentsApi"/>).
/// </summary>
public static class IncidentAttachmentsApi
{
    public static RouteGroupBuilder MapIncidentAttachmentsApi(this RouteGroupBuilder api)
    {
        var incident = api.MapGroup("/incidents/{id:guid}/attachments").WithTags("Attachments");
        incident.MapPost("/", UploadToIncident).WithName("UploadIncidentAttachments").RequirePermission(Permission.IncidentsRecord)
            .WithMetadata(new RequestSizeLimitAttribute(AttachmentLimits.MaxRequestBytes)); // no Accepts(): the caller is authenticated before the content type is judged
        incident.MapGet("/", ListOfIncident).WithName("ListIncidentAttachments").RequirePermission(Permission.IncidentsRead);
        incident.MapGet("/{attachmentId:guid}", DownloadOfIncident).WithName("DownloadIncidentAttachment").RequirePermission(Permission.IncidentsRead);
        incident.MapGet("/{attachmentId:guid}/original", OriginalOfIncident).WithName("DownloadIncidentAttachmentOriginal")
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
        return TypedResults.Created($"/api/v1/incidents/{id}/attachments", new AttachmentList(rows.Select(r => AttachmentsApi.View(r, IncidentBase(id))).ToList()));
    }

    private static async Task<Results<Ok<AttachmentList>, ProblemHttpResult>> ListOfIncident(Guid id, AmaniDbContext db, AccessContext access,
        CancellationToken cancellationToken)
    {
        if (await IncidentMissionAsync(db, access, id, Permission.IncidentsRead, cancellationToken) is null)
            return Problem.NotFound($"The incident {id}");
        return TypedResults.Ok(await AttachmentsApi.ListAsync(db.Attachments.Where(a => a.IncidentId == id), IncidentBase(id), cancellationToken));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadOfIncident(Guid id, Guid attachmentId, AmaniDbContext db,
        AccessContext access, BlobStore blobs, HttpContext http, ILogger<BlobStore> logger, CancellationToken cancellationToken)
    {
        if (await IncidentMissionAsync(db, access, id, Permission.IncidentsRead, cancellationToken) is null
            || await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.IncidentId == id, cancellationToken) is not { } attachment)
            return Problem.NotFound($"The attachment {attachmentId}");
        return AttachmentsApi.Serve(attachment, original: false, blobs, http, logger);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> OriginalOfIncident(Guid id, Guid attachmentId, AmaniDbContext db,
        AccessContext access, BlobStore blobs, AuditLog audit, HttpContext http, ILogger<BlobStore> logger, CancellationToken cancellationToken)
    {
        if (await IncidentMissionAsync(db, access, id, Permission.IncidentsRead, cancellationToken) is not { } missionId
            || !await access.HasAsync(Permission.AttachmentsOriginal, missionId, cancellationToken)
            || await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.IncidentId == id, cancellationToken) is not { } attachment)
            return Problem.NotFound($"The attachment {attachmentId}");
        return await AttachmentsApi.OriginalAsync(attachment, db, audit, blobs, http, logger, cancellationToken);
    }

    private static string IncidentBase(Guid id) => $"/api/v1/incidents/{id}/attachments";

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
}
