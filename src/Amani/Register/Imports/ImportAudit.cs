using Amani.Platform.Audit;

namespace Amani.Register.Imports;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.ImportJobQueued</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class ImportAudit
{
    extension(AuditAction)
    {
        public static AuditAction ImportJobQueued => new(2300, "ImportJobQueued");
        public static AuditAction ImportJobCancelled => new(2301, "ImportJobCancelled");
    }
}
