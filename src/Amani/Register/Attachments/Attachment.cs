using Amani.Platform.Audit;
namespace Amani.Register.Attachments;

/// <summary>
/// A photo attached to a community report or to an incident (exactly one of the two). Its bytes live in the
/// <see cref="BlobStore"/> under their SHA-256: the original as received, and the copy with metadata stripped that
/// everyone allowed to see the record gets. The original (EXIF, GPS, camera serial) is for roles with
/// <c>attachments:original</c> only, one audited download at a time.
/// </summary>
public sealed class Attachment
{
    /// <summary>What audit rows about these records name (<c>attachment</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("attachment");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public Guid? ReportId { get; set; }
    public Guid? IncidentId { get; set; }
    public required string OriginalHash { get; set; }
    public required string StrippedHash { get; set; }
    public required string MediaType { get; set; }
    /// <summary>Size of the original in bytes.</summary>
    public long ByteSize { get; set; }
    public long StrippedByteSize { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    /// <summary>The uploaded file's name, sanitised (<see cref="FileNames.Sanitise"/>), with the extension of its real type.</summary>
    public required string FileName { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The staff member who uploaded it; null for a community reporter.</summary>
    public Guid? CreatedByUserId { get; set; }
}

/// <summary>A checked and stored upload, waiting for its row (written with the report or incident change it belongs to).</summary>
public sealed record NewAttachment(string OriginalHash, string StrippedHash, string MediaType, long ByteSize, long StrippedByteSize, int? Width,
    int? Height, string FileName);

public static class AttachmentLimits
{
    /// <summary>Largest accepted file: 10 MiB (a phone photo is 2–6 MB).</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;
    /// <summary>Most files in one request.</summary>
    public const int MaxFiles = 5;
    /// <summary>Largest request to an upload endpoint: 25 MiB (the other API endpoints keep the global 1 MiB).</summary>
    public const long MaxRequestBytes = 25 * 1024 * 1024;
    public const int FileName = 200;
}
