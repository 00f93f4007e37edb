using Amani.Platform.Audit;

namespace Amani.Governance.Results.Assessments;

/// <summary>The assessments' audit codes beyond those of <see cref="ResultsAudit"/> (4100–4103), in the block 4104–4199.</summary>
public static class AssessmentAudit
{
    extension(AuditAction)
    {
        public static AuditAction AssessmentFindingAdded => new(4104, "AssessmentFindingAdded");
        public static AuditAction AssessmentRatingsSet => new(4105, "AssessmentRatingsSet");
        public static AuditAction RecommendationAdded => new(4106, "RecommendationAdded");
        public static AuditAction AssessmentFinalized => new(4107, "AssessmentFinalized");
    }
}
