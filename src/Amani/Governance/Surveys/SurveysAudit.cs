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
        public static AuditAction SubmissionReviewed => new(4320, "SubmissionReviewed");
        public static AuditAction SubmissionCommented => new(4321, "SubmissionCommented");
        public static AuditAction SurveyRoundCreated => new(4340, "SurveyRoundCreated");
        public static AuditAction SurveyRoundUpdated => new(4341, "SurveyRoundUpdated");
        public static AuditAction SurveyRoundPopulationsImported => new(4342, "SurveyRoundPopulationsImported");
        public static AuditAction SurveyRoundPublished => new(4343, "SurveyRoundPublished");
        public static AuditAction SurveyRoundWithdrawn => new(4344, "SurveyRoundWithdrawn");
        public static AuditAction SurveyMeasureCreated => new(4370, "SurveyMeasureCreated");
        public static AuditAction SurveyMeasureUpdated => new(4371, "SurveyMeasureUpdated");
        public static AuditAction SurveyMeasureRemoved => new(4372, "SurveyMeasureRemoved");
    }
}
