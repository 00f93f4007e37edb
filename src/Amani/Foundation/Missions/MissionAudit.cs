using Amani.Platform.Audit;

namespace Amani.Foundation.Missions;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.MissionCreated</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class MissionAudit
{
    extension(AuditAction)
    {
        public static AuditAction MissionCreated => new(1400, "MissionCreated");
        public static AuditAction MissionUpdated => new(1401, "MissionUpdated");
    }
}
