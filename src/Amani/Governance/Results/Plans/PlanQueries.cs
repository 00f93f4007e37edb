using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Plans;

/// <summary>Reading a mission's plans.</summary>
public static class PlanQueries
{
    /// <summary>The mission's current plan: the active version, else the latest draft; null when it has none.</summary>
    public static async Task<Plan?> CurrentAsync(AmaniDbContext db, Guid missionId, CancellationToken cancellationToken) =>
        await db.Set<Plan>().AsNoTracking().Where(p => p.MissionId == missionId && p.Status != PlanStatus.Superseded)
            .OrderBy(p => p.Status == PlanStatus.Active ? 0 : 1).ThenByDescending(p => p.Number).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The plan's tree, children in their position order; indicator nodes carry their summary when one is given.</summary>
    public static IReadOnlyList<PlanNodeResponse> Tree(IReadOnlyList<PlanNode> nodes, IReadOnlyDictionary<Guid, IndicatorSummary> indicators)
    {
        var children = nodes.ToLookup(n => n.ParentId);
        IReadOnlyList<PlanNodeResponse> Below(Guid? parent) => children[parent].OrderBy(n => n.Position).ThenBy(n => n.Code, StringComparer.Ordinal)
            .Select(n => new PlanNodeResponse(n.Id, n.Key, n.ParentId, n.Level, n.Code, n.Name, n.Description, n.Position,
                n.IndicatorId is { } id && indicators.TryGetValue(id, out var summary) ? summary : null, Below(n.Id))).ToList();
        return Below(null);
    }

    public static PlanSummary Summary(Plan p) => new(p.Id, p.Number, p.Title, p.Status, p.StartsOn, p.EndsOn, p.CreatedAt, p.ActivatedAt);
}
