using Amani.Platform.Audit;

namespace Amani.Foundation.Users;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.UserCreated</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class UserAudit
{
    extension(AuditAction)
    {
        public static AuditAction UserCreated => new(1100, "UserCreated");
        public static AuditAction UserPasswordChanged => new(1101, "UserPasswordChanged");
        public static AuditAction UserUnlocked => new(1102, "UserUnlocked");
        public static AuditAction UserLockedOut => new(1103, "UserLockedOut");
        public static AuditAction RoleGranted => new(1200, "RoleGranted");
        public static AuditAction RoleRevoked => new(1201, "RoleRevoked");
    }
}
