using Amani.Platform.Audit;

namespace Amani.Platform.FollowUps;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.FollowUpCreated</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class FollowUpAudit
{
    extension(AuditAction)
    {
        public static AuditAction FollowUpCreated => new(3000, "FollowUpCreated");
        public static AuditAction FollowUpEdited => new(3001, "FollowUpEdited");
        public static AuditAction FollowUpMoved => new(3002, "FollowUpMoved");
        public static AuditAction FollowUpEvidenceAdded => new(3003, "FollowUpEvidenceAdded");
        public static AuditAction FollowUpReminded => new(3004, "FollowUpReminded");
        public static AuditAction FollowUpEscalated => new(3005, "FollowUpEscalated");
    }
}
