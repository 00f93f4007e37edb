using Amani.Platform.Audit;

namespace Amani.Foundation.Tokens;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.TokenCreated</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class TokenAudit
{
    extension(AuditAction)
    {
        public static AuditAction TokenCreated => new(1300, "TokenCreated");
        public static AuditAction TokenRevoked => new(1301, "TokenRevoked");
    }
}
