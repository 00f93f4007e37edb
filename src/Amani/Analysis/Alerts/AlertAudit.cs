using Amani.Platform.Audit;

namespace Amani.Analysis.Alerts;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.AlertRuleCreated</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class AlertAudit
{
    extension(AuditAction)
    {
        public static AuditAction AlertRuleCreated => new(2500, "AlertRuleCreated");
        public static AuditAction AlertRuleUpdated => new(2501, "AlertRuleUpdated");
        public static AuditAction AlertRuleArchived => new(2502, "AlertRuleArchived");
        public static AuditAction AlertRaised => new(2503, "AlertRaised");
        public static AuditAction AlertEvidenceRefreshed => new(2504, "AlertEvidenceRefreshed");
        public static AuditAction AlertAcknowledged => new(2505, "AlertAcknowledged");
        public static AuditAction AlertResponseStarted => new(2506, "AlertResponseStarted");
        public static AuditAction AlertResolved => new(2507, "AlertResolved");
        public static AuditAction AlertFalseAlarm => new(2508, "AlertFalseAlarm");
        public static AuditAction AlertActionRecorded => new(2509, "AlertActionRecorded");
        public static AuditAction AlertAssigned => new(2510, "AlertAssigned");
        public static AuditAction AlertEscalated => new(2511, "AlertEscalated");
        public static AuditAction AlertDeadlinesChanged => new(2512, "AlertDeadlinesChanged");
    }
}
