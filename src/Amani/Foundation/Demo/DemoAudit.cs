using Amani.Platform.Audit;

namespace Amani.Foundation.Demo;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.DemoSeeded</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class DemoAudit
{
    extension(AuditAction)
    {
        public static AuditAction DemoSeeded => new(1001, "DemoSeeded");
    }
}
