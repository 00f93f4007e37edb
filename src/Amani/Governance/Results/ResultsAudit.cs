using Amani.Platform.Audit;

namespace Amani.Governance.Results;

/// <summary>The Results module's audit codes (block 4000–4199).</summary>
public static class ResultsAudit
{
    extension(AuditAction)
    {
        public static AuditAction PlanCreated => new(4000, "PlanCreated");
        public static AuditAction PlanChanged => new(4001, "PlanChanged");
        public static AuditAction PlanActivated => new(4002, "PlanActivated");
        public static AuditAction IndicatorCreated => new(4003, "IndicatorCreated");
        public static AuditAction IndicatorUpdated => new(4004, "IndicatorUpdated");
        public static AuditAction IndicatorTargetsSet => new(4005, "IndicatorTargetsSet");
        public static AuditAction IndicatorValuesEntered => new(4006, "IndicatorValuesEntered");
        public static AuditAction IndicatorPeriodApproved => new(4007, "IndicatorPeriodApproved");
        public static AuditAction IndicatorPeriodUnlocked => new(4008, "IndicatorPeriodUnlocked");
        public static AuditAction IndicatorsComputed => new(4009, "IndicatorsComputed");
        public static AuditAction CategoryListSaved => new(4010, "CategoryListSaved");
        public static AuditAction AssessmentCreated => new(4100, "AssessmentCreated");
        public static AuditAction AssessmentUpdated => new(4101, "AssessmentUpdated");
        public static AuditAction RecommendationDecided => new(4102, "RecommendationDecided");
        public static AuditAction PlanAdapted => new(4103, "PlanAdapted");
        public static AuditAction AssessmentFindingAdded => new(4104, "AssessmentFindingAdded");
        public static AuditAction AssessmentRatingsSet => new(4105, "AssessmentRatingsSet");
        public static AuditAction RecommendationAdded => new(4106, "RecommendationAdded");
        public static AuditAction AssessmentFinalized => new(4107, "AssessmentFinalized");
        public static AuditAction AssessmentFindingChanged => new(4108, "AssessmentFindingChanged");
    }
}
