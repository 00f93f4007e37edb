using Amani.Platform.Audit;

namespace Amani.Register.Attachments;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.AttachmentAdded</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class AttachmentAudit
{
    extension(AuditAction)
    {
        public static AuditAction AttachmentAdded => new(2700, "AttachmentAdded");
        public static AuditAction AttachmentOriginalDownloaded => new(2701, "AttachmentOriginalDownloaded");
    }
}
