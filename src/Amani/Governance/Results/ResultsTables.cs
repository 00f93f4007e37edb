using Amani.Governance.Results.Assessments;
using Amani.Governance.Results.Plans;
using Amani.Governance.Results.Values;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results;

/// <summary>The results framework's tables on the context (inside a LINQ expression use <c>db.Set&lt;T&gt;()</c>).</summary>
public static class ResultsTables
{
    extension(AmaniDbContext db)
    {
        public DbSet<Plan> Plans => db.Set<Plan>();
        public DbSet<PlanNode> PlanNodes => db.Set<PlanNode>();
        public DbSet<PlanChange> PlanChanges => db.Set<PlanChange>();
        public DbSet<Indicator> Indicators => db.Set<Indicator>();
        public DbSet<IndicatorTarget> IndicatorTargets => db.Set<IndicatorTarget>();
        public DbSet<IndicatorValue> IndicatorValues => db.Set<IndicatorValue>();
        public DbSet<PeriodApproval> PeriodApprovals => db.Set<PeriodApproval>();
        public DbSet<Assessment> Assessments => db.Set<Assessment>();
        public DbSet<Recommendation> Recommendations => db.Set<Recommendation>();
    }
}
