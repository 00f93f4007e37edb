using Amani.Platform.Access;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Plans;

/// <summary>Finding a plan the caller may see (404 otherwise) and showing it: the tree with each indicator's latest value and status, and the change log.</summary>
public sealed class PlanViews(AmaniDbContext db, AccessContext access, ResultsAccess results, IndicatorViews indicators)
{
    public async Task<Plan?> FindAsync(Guid id, Permission permission, CancellationToken cancellationToken, bool tracked = false)
    {
        var plans = db.Set<Plan>().Where(p => p.Id == id);
        var plan = await (tracked ? plans : plans.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        return plan is not null && await access.HasAsync(permission, plan.MissionId, cancellationToken) ? plan : null;
    }

    /// <summary>The plan whole. A partner sees the tree, but indicator details only of the indicators its organisation reports on.</summary>
    public async Task<PlanResponse> OfAsync(Plan plan, CancellationToken cancellationToken)
    {
        var nodes = await db.Set<PlanNode>().AsNoTracking().Where(n => n.PlanId == plan.Id).ToListAsync(cancellationToken);
        var ids = nodes.Where(n => n.IndicatorId is not null).Select(n => n.IndicatorId!.Value).ToList();
        var readable = await (await results.ReadableAsync(plan.MissionId, cancellationToken)).AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken);
        var summaries = await indicators.SummariesAsync(readable, withAreas: false, cancellationToken);
        var changes = await db.Set<PlanChange>().AsNoTracking().Where(c => c.PlanId == plan.Id).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new PlanChangeResponse(c.Kind, c.NodeKey, c.Text, c.RecommendationId, c.Actor, c.At)).ToListAsync(cancellationToken);
        return new PlanResponse(plan.Id, plan.Number, plan.Title, plan.Status, plan.StartsOn, plan.EndsOn, plan.PreviousPlanId, plan.AssessmentId,
            plan.CreatedAt, plan.ActivatedAt, plan.Version, PlanQueries.Tree(nodes, summaries), changes);
    }
}
