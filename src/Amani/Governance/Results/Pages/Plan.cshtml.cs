using Amani.Governance.Results.Plans;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Pages;

/// <summary>
/// The mission's plan as a tree — priorities, objectives, outcomes, outputs, indicators — each indicator with its latest
/// mission-wide value against its target and a status; the version's change log below. The current version (active,
/// else the latest draft) unless <c>?version=N</c> names another. The tree, values and statuses come from one call to
/// <see cref="PlanViews.OfAsync"/>, under the same access rules as the API (a partner sees the figures of the indicators
/// its organisation reports on only).
/// </summary>
[PagePermission("results:read")]
public sealed class PlanModel(AmaniDbContext db, PlanViews views) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public IReadOnlyList<PlanSummary> Versions { get; private set; } = [];
    public PlanResponse? Plan { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? version, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        var plans = await db.Set<Plan>().AsNoTracking().Where(p => p.MissionId == Mission.Id).OrderByDescending(p => p.Number).ToListAsync(cancellationToken);
        Versions = plans.Select(PlanQueries.Summary).ToList();
        var chosen = version is { } number
            ? plans.FirstOrDefault(p => p.Number == number)
            : plans.Where(p => p.Status != PlanStatus.Superseded).OrderBy(p => p.Status == PlanStatus.Active ? 0 : 1).ThenByDescending(p => p.Number).FirstOrDefault();
        if (version is not null && chosen is null)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (chosen is not null)
            Plan = await views.OfAsync(chosen, cancellationToken);
        return Page();
    }
}
