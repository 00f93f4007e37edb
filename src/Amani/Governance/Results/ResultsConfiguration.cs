using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Governance.Results.Assessments;
using Amani.Governance.Results.Plans;
using Amani.Governance.Results.Values;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Governance.Results;

/// <summary>The lengths of the results framework's text fields (the API refuses longer input, naming the field).</summary>
public static class ResultsLimits
{
    public const int Code = 40, Name = 300, Text = 4000, Unit = 60, Period = 8, AreaCode = 40, Disaggregation = 200, Measure = 80, Json = 400,
        Comment = 1000;
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> plan)
    {
        plan.ToTable("results_plans");
        plan.HasOne<Mission>().WithMany().HasForeignKey(p => p.MissionId).OnDelete(DeleteBehavior.Restrict);
        plan.HasIndex(p => new { p.MissionId, p.Number }).IsUnique();
        plan.Property(p => p.Version).IsConcurrencyToken();
        plan.Property(p => p.Title).HasMaxLength(ResultsLimits.Name);
        plan.Property(p => p.Status).HasMaxLength(24);
    }
}

internal sealed class PlanNodeConfiguration : IEntityTypeConfiguration<PlanNode>
{
    public void Configure(EntityTypeBuilder<PlanNode> node)
    {
        node.ToTable("results_plan_nodes");
        node.HasOne<Plan>().WithMany().HasForeignKey(n => n.PlanId).OnDelete(DeleteBehavior.Cascade);
        node.HasOne<Indicator>().WithMany().HasForeignKey(n => n.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        node.HasIndex(n => new { n.PlanId, n.Key }).IsUnique();
        node.HasIndex(n => n.IndicatorId);
        node.Property(n => n.Level).HasMaxLength(24);
        node.Property(n => n.Code).HasMaxLength(ResultsLimits.Code);
        node.Property(n => n.Name).HasMaxLength(ResultsLimits.Name);
        node.Property(n => n.Description).HasMaxLength(ResultsLimits.Text);
    }
}

internal sealed class PlanChangeConfiguration : IEntityTypeConfiguration<PlanChange>
{
    public void Configure(EntityTypeBuilder<PlanChange> change)
    {
        change.ToTable("results_plan_changes");
        change.HasOne<Plan>().WithMany().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Cascade);
        change.HasIndex(c => new { c.PlanId, c.At });
        change.Property(c => c.Kind).HasMaxLength(24);
        change.Property(c => c.Text).HasMaxLength(ResultsLimits.Text);
        change.Property(c => c.Actor).HasMaxLength(200);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> indicator)
    {
        indicator.ToTable("indicators");
        indicator.HasOne<Mission>().WithMany().HasForeignKey(i => i.MissionId).OnDelete(DeleteBehavior.Restrict);
        indicator.HasIndex(i => new { i.MissionId, i.Code }).IsUnique();
        indicator.Ignore(i => i.Computed);
        indicator.Property(i => i.Version).IsConcurrencyToken();
        indicator.Property(i => i.ComputedAt).IsBookkeeping();
        indicator.Property(i => i.Code).HasMaxLength(ResultsLimits.Code);
        indicator.Property(i => i.Name).HasMaxLength(ResultsLimits.Name);
        indicator.Property(i => i.NameFr).HasMaxLength(ResultsLimits.Name);
        indicator.Property(i => i.Definition).HasMaxLength(ResultsLimits.Text);
        indicator.Property(i => i.Unit).HasMaxLength(ResultsLimits.Unit);
        indicator.Property(i => i.Disaggregations).HasMaxLength(ResultsLimits.Disaggregation);
        indicator.Property(i => i.DataSource).HasMaxLength(ResultsLimits.Name);
        indicator.Property(i => i.MeasureKey).HasMaxLength(ResultsLimits.Measure);
        indicator.Property(i => i.MeasureArguments).HasMaxLength(ResultsLimits.Json);
        indicator.Property(i => i.MeasureGroups).HasMaxLength(ResultsLimits.Json);
        foreach (var name in new[] { nameof(Indicator.Type), nameof(Indicator.Direction), nameof(Indicator.Frequency) })
            indicator.Property(name).HasMaxLength(24);
    }
}

internal sealed class IndicatorReporterConfiguration : IEntityTypeConfiguration<IndicatorReporter>
{
    public void Configure(EntityTypeBuilder<IndicatorReporter> reporter)
    {
        reporter.ToTable("indicator_reporters");
        reporter.HasOne<Indicator>().WithMany().HasForeignKey(r => r.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        reporter.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        reporter.HasIndex(r => new { r.IndicatorId, r.OrganizationId }).IsUnique();
        reporter.HasIndex(r => r.OrganizationId);
    }
}

internal sealed class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> target)
    {
        target.ToTable("indicator_targets");
        target.HasOne<Indicator>().WithMany().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        target.HasIndex(t => new { t.IndicatorId, t.Kind, t.Period, t.AreaCode }).IsUnique();
        target.Property(t => t.Kind).HasMaxLength(24);
        target.Property(t => t.Period).HasMaxLength(ResultsLimits.Period);
        target.Property(t => t.AreaCode).HasMaxLength(ResultsLimits.AreaCode);
    }
}

internal sealed class CategoryListConfiguration : IEntityTypeConfiguration<CategoryList>
{
    public void Configure(EntityTypeBuilder<CategoryList> list)
    {
        list.ToTable("category_lists");
        list.HasOne<Mission>().WithMany().HasForeignKey(l => l.MissionId).OnDelete(DeleteBehavior.Restrict);
        list.HasIndex(l => new { l.MissionId, l.Code }).IsUnique();
        list.Property(l => l.Code).HasMaxLength(ResultsLimits.Code);
        list.Property(l => l.Name).HasMaxLength(ResultsLimits.Name);
        list.Property(l => l.Options).HasMaxLength(ResultsLimits.Text);
    }
}

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> value)
    {
        value.ToTable("indicator_values");
        value.HasOne<Indicator>().WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        value.HasIndex(v => new { v.IndicatorId, v.Period, v.AreaCode, v.Disaggregation }, "ix_indicator_values_key").IsUnique();
        value.HasIndex(v => new { v.IndicatorId, v.PeriodStart });
        value.Property(v => v.Version).IsConcurrencyToken();
        value.Property(v => v.Period).HasMaxLength(ResultsLimits.Period);
        value.Property(v => v.AreaCode).HasMaxLength(ResultsLimits.AreaCode);
        value.Property(v => v.Disaggregation).HasMaxLength(ResultsLimits.Disaggregation);
        value.Property(v => v.Comment).HasMaxLength(ResultsLimits.Comment);
    }
}

internal sealed class PeriodApprovalConfiguration : IEntityTypeConfiguration<PeriodApproval>
{
    public void Configure(EntityTypeBuilder<PeriodApproval> approval)
    {
        approval.ToTable("indicator_period_approvals");
        approval.HasOne<Indicator>().WithMany().HasForeignKey(a => a.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        approval.HasIndex(a => new { a.IndicatorId, a.Period }).IsUnique();
        approval.Property(a => a.Period).HasMaxLength(ResultsLimits.Period);
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> assessment)
    {
        assessment.ToTable("assessments");
        assessment.HasOne<Mission>().WithMany().HasForeignKey(a => a.MissionId).OnDelete(DeleteBehavior.Restrict);
        assessment.HasOne<Plan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Restrict);
        assessment.HasIndex(a => new { a.MissionId, a.PeriodUntil });
        assessment.Property(a => a.Version).IsConcurrencyToken();
        assessment.Property(a => a.Title).HasMaxLength(ResultsLimits.Name);
        assessment.Property(a => a.Scope).HasMaxLength(ResultsLimits.Text);
        assessment.Property(a => a.Method).HasMaxLength(ResultsLimits.Text);
        assessment.Property(a => a.Team).HasMaxLength(ResultsLimits.Name);
        assessment.Property(a => a.Status).HasMaxLength(24);
    }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> finding)
    {
        finding.ToTable("assessment_findings");
        finding.HasOne<Assessment>().WithMany().HasForeignKey(f => f.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        finding.HasIndex(f => f.AssessmentId);
        finding.Property(f => f.Text).HasMaxLength(ResultsLimits.Text);
    }
}

internal sealed class FindingEvidenceConfiguration : IEntityTypeConfiguration<FindingEvidence>
{
    public void Configure(EntityTypeBuilder<FindingEvidence> evidence)
    {
        evidence.ToTable("assessment_finding_evidence");
        evidence.HasOne<Finding>().WithMany().HasForeignKey(e => e.FindingId).OnDelete(DeleteBehavior.Cascade);
        evidence.HasOne<Indicator>().WithMany().HasForeignKey(e => e.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        evidence.HasIndex(e => e.FindingId);
        evidence.HasIndex(e => e.IndicatorId);
        evidence.Property(e => e.RecordType).HasMaxLength(40);
    }
}

internal sealed class ObjectiveRatingConfiguration : IEntityTypeConfiguration<ObjectiveRating>
{
    public void Configure(EntityTypeBuilder<ObjectiveRating> rating)
    {
        rating.ToTable("assessment_ratings");
        rating.HasOne<Assessment>().WithMany().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        rating.HasIndex(r => new { r.AssessmentId, r.NodeKey }).IsUnique();
        rating.Property(r => r.Rating).HasMaxLength(24);
        rating.Property(r => r.Comment).HasMaxLength(ResultsLimits.Text);
    }
}

internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> recommendation)
    {
        recommendation.ToTable("assessment_recommendations");
        recommendation.HasOne<Assessment>().WithMany().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        recommendation.HasIndex(r => r.AssessmentId);
        recommendation.Property(r => r.Text).HasMaxLength(ResultsLimits.Text);
        recommendation.Property(r => r.Decision).HasMaxLength(24);
        recommendation.Property(r => r.DecisionReason).HasMaxLength(ResultsLimits.Text);
    }
}
