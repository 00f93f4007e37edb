using Amani.Platform.Audit;

namespace Amani.Platform.Notifications;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.NotificationPreferencesChanged</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class NotificationAudit
{
    extension(AuditAction)
    {
        public static AuditAction NotificationPreferencesChanged => new(2900, "NotificationPreferencesChanged");
    }
}
