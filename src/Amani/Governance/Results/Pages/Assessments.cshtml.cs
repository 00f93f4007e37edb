using Amani.Governance.Results.Assessments;
using Amani.Platform.Access;
using Amani.Platform.Directories;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Governance.Results.Pages;

/// <summary>The mission's assessments, latest period first: each one's plan version, status, findings and recommendations (how many still undecided). Staff only: a partner gets 403, as in the API.</summary>
[PagePermission("results:read")]
public sealed class AssessmentListModel(AssessmentViews views, AccessContext access) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public IReadOnlyList<AssessmentSummary> Assessments { get; private set; } = [];
    /// <summary>Whether the caller starts assessments (results:manage): the page links to the form.</summary>
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        if (await views.ReadRefusalAsync(Mission.Id, cancellationToken) is not null)
            return PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
        Assessments = await views.ListAsync(Mission.Id, cancellationToken);
        CanManage = await access.HasAsync(Permission.ResultsManage, Mission.Id, cancellationToken);
        return Page();
    }
}
