using Amani.Governance.Results.Assessments;
using Amani.Platform.Directories;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Governance.Results.Pages;

/// <summary>The mission's assessments, latest period first: each one's plan version, status, findings and recommendations (how many still undecided). Staff only: a partner gets 403, as in the API.</summary>
[PagePermission("results:read")]
public sealed class AssessmentListModel(AssessmentViews views) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public IReadOnlyList<AssessmentSummary> Assessments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        if (await views.ReadRefusalAsync(Mission.Id, cancellationToken) is not null)
            return PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
        Assessments = await views.ListAsync(Mission.Id, cancellationToken);
        return Page();
    }
}
