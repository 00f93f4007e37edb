using Amani.Governance.Results.Assessments;
using Amani.Governance.Results.Plans;
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
/// Starts an assessment of one of the mission's plan versions (the current one first): its title, period, scope, method
/// and team — through <see cref="AssessmentRules.CreateAsync"/>, as the API. A refusal is shown next to its field, the
/// typed input kept. Planning officers and administrators (results:manage).
/// </summary>
[PagePermission("results:manage")]
public sealed class AssessmentNewModel(AmaniDbContext db, AssessmentRules rules, AssessmentViews views, AccessContext access) : PageModel
{
    public sealed record PlanChoice(Guid Id, int Number, string Title, PlanStatus Status);

    public MissionEntry Mission { get; private set; } = null!;
    public IReadOnlyList<PlanChoice> Plans { get; private set; } = [];
    public FormErrors Errors { get; } = new();

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public DateOnly? PeriodFrom { get; set; }
    [BindProperty] public DateOnly? PeriodUntil { get; set; }
    [BindProperty] public string? Scope { get; set; }
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public string? Team { get; set; }
    [BindProperty] public Guid? PlanId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await RefusedAsync(cancellationToken) is { } refused)
            return refused;
        PlanId = (await PlanQueries.CurrentAsync(db, Mission.Id, cancellationToken))?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await RefusedAsync(cancellationToken) is { } refused)
            return refused;
        var created = await rules.CreateAsync(Mission.Id, new AssessmentInput(Title, PeriodFrom, PeriodUntil, Scope, Method, Team, PlanId),
            access.UserId!.Value, cancellationToken);
        if (created.Refusal is not { } refusal)
            return Redirect($"/missions/{Uri.EscapeDataString(Mission.Code)}/results/assessments/{created.Value!.Id}?done=created");
        Errors.Add(refusal.Field ?? "title", refusal.Message);
        return new PageResult { StatusCode = refusal.Kind == RefusalKind.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict };
    }

    /// <summary>The page's answer when the caller may not start an assessment here (a partner: 403, as the API), else null; loads the plan versions.</summary>
    private async Task<IActionResult?> RefusedAsync(CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        if (await views.ReadRefusalAsync(Mission.Id, cancellationToken) is { } refused)
            return PageAccess.Status(HttpContext, refused.Kind == RefusalKind.NotAllowed ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
        Plans = await db.Set<Plan>().AsNoTracking().Where(p => p.MissionId == Mission.Id).OrderByDescending(p => p.Number)
            .Select(p => new PlanChoice(p.Id, p.Number, p.Title, p.Status)).ToListAsync(cancellationToken);
        return null;
    }
}
