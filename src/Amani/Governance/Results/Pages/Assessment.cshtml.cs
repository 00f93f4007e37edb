using Amani.Governance.Results.Assessments;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Pages;

/// <summary>
/// One assessment: its frame, findings with their evidence (indicators and records, each a link), the rating of each
/// objective, and its recommendations with the leadership's decision, their follow-up and the plan changes they caused.
/// A planning officer (results:manage) adds a recommendation to a draft, records a decision and adapts the plan — through
/// <see cref="RecommendationRules"/>, as the API (the page's form carries the assessment's version as If-Match would).
/// </summary>
[PagePermission("results:read")]
public sealed class AssessmentModel(AmaniDbContext db, AssessmentViews views, RecommendationRules rules, AccessContext access, IPeopleDirectory people)
    : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public AssessmentResponse Assessment { get; private set; } = null!;
    public bool CanManage { get; private set; }
    public IReadOnlyList<PersonEntry> Members { get; private set; } = [];
    public string? Done { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, tracked: false, cancellationToken);
        if (found.Refusal is { } refused)
            return Refused(refused);
        Done = done;
        await LoadAsync(found.Value!, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostRecommendAsync(Guid id, int version, string? text, Guid? owner, DateOnly? dueOn, CancellationToken cancellationToken) =>
        ActAsync(id, "recommended", async a => (await rules.AddAsync(a, version, new RecommendationInput(text, owner, dueOn), cancellationToken)).Refusal,
            cancellationToken);

    public Task<IActionResult> OnPostDecideAsync(Guid id, Guid recommendation, int version, RecommendationDecision? decision, string? reason, DateOnly? dueOn,
        CancellationToken cancellationToken) =>
        ActAsync(id, "decided", async a =>
        {
            if (await db.Set<Recommendation>().FirstOrDefaultAsync(r => r.Id == recommendation && r.AssessmentId == a.Id, cancellationToken) is not { } r)
                return Refusal.NotFound($"The assessment has no recommendation {recommendation}.");
            return (await rules.DecideAsync(Mission, a, r, version, new DecisionInput(decision, reason, dueOn), access.UserId!.Value, cancellationToken)).Refusal;
        }, cancellationToken);

    public async Task<IActionResult> OnPostAdaptAsync(Guid id, CancellationToken cancellationToken)
    {
        Plans.Plan? plan = null;
        var result = await ActAsync(id, "adapted", async a =>
        {
            var adapted = await rules.AdaptAsync(a, access.UserId!.Value, cancellationToken);
            plan = adapted.Value;
            return adapted.Refusal;
        }, cancellationToken);
        return plan is not null ? Redirect($"/missions/{Uri.EscapeDataString(Mission.Code)}/results?version={plan.Number}") : result;
    }

    private async Task<IActionResult> ActAsync(Guid id, string done, Func<Assessment, Task<Refusal?>> act, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, tracked: true, cancellationToken);
        if (found.Refusal is { } notFound)
            return Refused(notFound);
        if (!await access.HasAsync(Permission.ResultsManage, Mission.Id, cancellationToken))
            return PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
        if (await act(found.Value!) is not { } refused)
            return Redirect($"/missions/{Uri.EscapeDataString(Mission.Code)}/results/assessments/{id}?done={done}");
        db.ChangeTracker.Clear();
        Error = refused.Message;
        await LoadAsync((await FindAsync(id, tracked: false, cancellationToken)).Value!, cancellationToken);
        return new PageResult
        {
            StatusCode = refused.Kind switch
            {
                RefusalKind.NotAllowed => StatusCodes.Status403Forbidden,
                RefusalKind.NotFound => StatusCodes.Status404NotFound,
                RefusalKind.Conflict or RefusalKind.Stale => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            },
        };
    }

    private async Task<Outcome<Assessment>> FindAsync(Guid id, bool tracked, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        var found = await views.FindAsync(id, Permission.ResultsRead, tracked, cancellationToken);
        return found.Value is { } a && a.MissionId != Mission.Id ? Refusal.NotFound("Not in this mission.") : found;
    }

    private IActionResult Refused(Refusal refused) => PageAccess.Status(HttpContext,
        refused.Kind == RefusalKind.NotAllowed ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);

    private async Task LoadAsync(Assessment assessment, CancellationToken cancellationToken)
    {
        Assessment = await views.OfAsync(assessment, cancellationToken);
        CanManage = await access.HasAsync(Permission.ResultsManage, Mission.Id, cancellationToken);
        if (CanManage)
            Members = await people.MembersAsync(Mission.Id, 500, cancellationToken);
    }
}
