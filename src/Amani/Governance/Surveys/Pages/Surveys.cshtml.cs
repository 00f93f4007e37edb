using Amani.Platform.Directories;
using Amani.Platform.Records;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Governance.Surveys.Pages;

/// <summary>
/// The mission's surveys (name, state, sensitive, forms, submissions) and, for those who manage them, the form that creates
/// one through <see cref="SurveyBook.CreateAsync"/>, as <c>POST …/surveys</c> does. A refusal is shown next to its field
/// with what was typed kept; a sensitive survey starts with its creator in its team (else nobody would see its submissions).
/// </summary>
[PagePermission("surveys:read")]
public sealed class SurveysModel(SurveyAccess access, SurveyQueries queries, SurveyBook book) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public SurveyRights Rights { get; private set; } = null!;
    public IReadOnlyList<SurveyResponse> Surveys { get; private set; } = [];
    public FormErrors Errors { get; } = new();

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public bool Sensitive { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!Rights.Manages)
            return PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
        var team = Sensitive && Rights.UserId is { } me ? new[] { me } : [];
        var outcome = await book.CreateAsync(Mission, new SurveyInput(Name, Description, Sensitive, team, null), Rights.UserId, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            Errors.Add(refusal.Field ?? "name", refusal.Message);
            return new PageResult { StatusCode = refusal.Kind == RefusalKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest };
        }
        return Redirect($"/missions/{Mission.Code}/surveys/{outcome.Value!.Id}?done=created");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        (_, Rights) = (await access.MissionAsync(Mission.Code, cancellationToken))!.Value;
        Surveys = (await queries.SurveysAsync(Rights, cancellationToken)).Items;
    }
}
