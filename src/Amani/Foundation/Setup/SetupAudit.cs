using Amani.Platform.Audit;

namespace Amani.Foundation.Setup;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.SetupTokenIssued</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class SetupAudit
{
    extension(AuditAction)
    {
        public static AuditAction SetupTokenIssued => new(1002, "SetupTokenIssued");
        public static AuditAction SetupCompleted => new(1003, "SetupCompleted");
    }
}
