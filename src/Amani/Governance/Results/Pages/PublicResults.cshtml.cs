using Amani.Governance.Results.Public;
using Amani.Platform.Access;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Amani.Governance.Results.Pages;

/// <summary>
/// A mission's public results, for anyone (no sign-in, rate-limited like the other anonymous pages, no script): each
/// public indicator with what it measures, its mission-wide values by period against baseline and targets, and its
/// values by area in the latest period — security figures by area after small-number suppression
/// (<see cref="SmallNumbers"/>), the same as <c>GET /api/v1/public/missions/{code}/indicators</c>.
/// </summary>
[EnableRateLimiting(RateLimits.Anonymous)]
public sealed class PublicResultsModel(PublicResults results) : PageModel
{
    /// <summary>The periods the table of each indicator lists (the latest).</summary>
    public const int ShownPeriods = 12;

    public string MissionCode { get; private set; } = "";
    public IReadOnlyList<PublicIndicator> Indicators { get; private set; } = [];
    public int MinCell => results.MinCell;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await results.MissionAsync(code, cancellationToken) is not { } missionId)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        MissionCode = code.Trim().ToUpperInvariant();
        Indicators = await results.OfAsync(missionId, ShownPeriods, cancellationToken);
        return Page();
    }

    /// <summary>The latest period that has values by area (null: none).</summary>
    public static PublicPeriod? LatestByArea(PublicIndicator indicator) => indicator.Periods.LastOrDefault(p => p.Areas.Count > 0);
}
