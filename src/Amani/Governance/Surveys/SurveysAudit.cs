using Amani.Platform.Audit;

namespace Amani.Governance.Surveys;

/// <summary>
/// The surveys' audit codes (block 4300–4399), added to <see cref="AuditAction"/>. Stable: stored in the hash-chained
/// log; never renumber or reuse one. A submission's audit row names the app user or user who sent it, never an answer.
/// </summary>
public static class SurveysAudit
{
    extension(AuditAction)
    {
        public static AuditAction SurveyCreated => new(4300, "SurveyCreated");
        public static AuditAction SurveyUpdated => new(4301, "SurveyUpdated");
        public static AuditAction FormVersionImported => new(4302, "FormVersionImported");
        public static AuditAction FormStateChanged => new(4303, "FormStateChanged");
        public static AuditAction FormMediaUploaded => new(4304, "FormMediaUploaded");
        public static AuditAction AppUserCreated => new(4305, "AppUserCreated");
        public static AuditAction AppUserRevoked => new(4306, "AppUserRevoked");
        public static AuditAction SubmissionReceived => new(4307, "SubmissionReceived");
        public static AuditAction SubmissionAttachmentsReceived => new(4308, "SubmissionAttachmentsReceived");
        public static AuditAction SubmissionEdited => new(4310, "SubmissionEdited");
        public static AuditAction SubmissionAnswersDropped => new(4311, "SubmissionAnswersDropped");
    }
}
