using Amani.Platform.Audit;

namespace Amani.Foundation.Accounts;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.SignInSucceeded</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class AccountAudit
{
    extension(AuditAction)
    {
        public static AuditAction SignInSucceeded => new(1700, "SignInSucceeded");
        public static AuditAction SignInFailed => new(1701, "SignInFailed");
        public static AuditAction SignedOut => new(1702, "SignedOut");
        public static AuditAction SignedOutEverywhere => new(1703, "SignedOutEverywhere");
    }
}
