using Amani.Platform.Audit;

namespace Amani.Register.Reporting;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.ReportReceived</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class ReportAudit
{
    extension(AuditAction)
    {
        public static AuditAction ReportReceived => new(2100, "ReportReceived");
        public static AuditAction ReportMessageReceived => new(2101, "ReportMessageReceived");
        public static AuditAction ReportReplied => new(2102, "ReportReplied");
        public static AuditAction ReportLinked => new(2103, "ReportLinked");
        public static AuditAction ReportContactRevealed => new(2104, "ReportContactRevealed");
        public static AuditAction ReportStatusChanged => new(2105, "ReportStatusChanged");
        public static AuditAction SmsReplySent => new(2106, "SmsReplySent");
        public static AuditAction SmsReplyFailed => new(2107, "SmsReplyFailed");
        public static AuditAction ReportAssigned => new(2800, "ReportAssigned");
    }
}
