using Amani.Platform.Audit;

namespace Amani.Foundation.Organizations;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.OrganizationCreated</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class OrganizationAudit
{
    extension(AuditAction)
    {
        public static AuditAction OrganizationCreated => new(1600, "OrganizationCreated");
    }
}
