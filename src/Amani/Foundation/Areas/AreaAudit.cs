using Amani.Platform.Audit;

namespace Amani.Foundation.Areas;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.AreaCreated</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class AreaAudit
{
    extension(AuditAction)
    {
        public static AuditAction AreaCreated => new(1500, "AreaCreated");
        public static AuditAction AreasImported => new(1501, "AreasImported");
    }
}
