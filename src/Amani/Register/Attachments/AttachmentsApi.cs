using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Attachments;

/// <summary>
/// What the photo endpoints share: list, download the copy without metadata, and — for <c>attachments:original</c>,
/// audited — the original. The routes belong to the modules whose records have photos (incidents: staff upload them;
/// community reports: reporters send them with the report), because only they know who may see a record — who may
/// see it may see its stripped photos, and existence stays secret (404). Attachments knows no such module: it is the
/// layer below them.
/// </summary>
public static class AttachmentsApi
{
    public static IServiceCollection AddAttachments(this IServiceCollection services) =>
        services.AddSingleton<BlobStore>().AddSingleton<PhotoUploads>();

    /// <summary>The original, after its download was audited (the audit row is committed before a byte is sent).</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> OriginalAsync(Attachment attachment, AmaniDbContext db, AuditLog audit,
        BlobStore blobs, HttpContext http, ILogger logger, CancellationToken cancellationToken)
    {
        if (!blobs.Exists(attachment.OriginalHash))
            return Serve(attachment, original: true, blobs, http, logger);
        audit.Record(AuditAction.AttachmentOriginalDownloaded, Attachment.AuditEntity, attachment.Id,
            "The original of a photo (with its metadata) was downloaded" + (attachment.ReportId is { } report ? $" from community report {report}." : $" from incident {attachment.IncidentId}."));
        await db.SaveChangesAsync(cancellationToken);
        return Serve(attachment, original: true, blobs, http, logger);
    }

    /// <summary>The file (the original or the copy without metadata), with headers that keep browsers from running or caching it.</summary>
    public static Results<FileStreamHttpResult, ProblemHttpResult> Serve(Attachment attachment, bool original, BlobStore blobs, HttpContext http,
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

    /// <summary>The photos of <paramref name="query"/>, oldest first, with their addresses under <paramref name="baseUrl"/>.</summary>
    public static async Task<AttachmentList> ListAsync(IQueryable<Attachment> query, string baseUrl, CancellationToken cancellationToken) =>
        new((await query.AsNoTracking().OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken)).Select(a => View(a, baseUrl)).ToList());

    /// <summary>One photo as staff see it, its addresses under <paramref name="baseUrl"/> (the record's <c>…/attachments</c>).</summary>
    public static AttachmentResponse View(Attachment a, string baseUrl) => new(a.Id, a.FileName, a.MediaType, a.StrippedByteSize, a.ByteSize, a.Width,
        a.Height, a.StrippedHash, a.CreatedAt, a.CreatedByUserId, $"{baseUrl}/{a.Id}", $"{baseUrl}/{a.Id}/original");
}
