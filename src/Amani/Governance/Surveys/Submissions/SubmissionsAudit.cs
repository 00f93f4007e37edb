using Amani.Platform.Audit;

namespace Amani.Governance.Surveys.Submissions;

/// <summary>
/// The audit codes of the submissions' review (4320–4339 of the surveys' block, see <see cref="SurveysAudit"/>). Stable:
/// never renumber or reuse one. The row names the states and the comment's length, never the comment or an answer.
/// </summary>
public static class SubmissionsAudit
{
    extension(AuditAction)
    {
        public static AuditAction SubmissionReviewed => new(4320, "SubmissionReviewed");
        public static AuditAction SubmissionCommented => new(4321, "SubmissionCommented");
    }
}
