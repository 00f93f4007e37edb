using Amani.Platform.Directories;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Governance.Surveys.Pages;

/// <summary>
/// The mission's app users (the phones and enumerator teams that reach the OpenRosa server with a token): the list, the
/// form that creates one through <see cref="AppUsers.CreateAsync"/> — the answer shows, once and never cached, the server
/// URL and the settings QR code that configures ODK Collect in one scan — and revocation after a confirmation step.
/// Managers only (surveys:manage), as the API.
/// </summary>
[PagePermission("surveys:manage")]
public sealed class AppUsersModel(SurveyAccess access, SurveyQueries queries, AppUsers appUsers) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public IReadOnlyList<AppUserResponse> Users { get; private set; } = [];
    public IReadOnlyList<SurveyResponse> Surveys { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    /// <summary>The app user just created, with its server URL and QR code (shown this once).</summary>
    public AppUserResponse? Created { get; private set; }
    /// <summary>The app user whose revocation awaits confirmation.</summary>
    public AppUserResponse? Revoking { get; private set; }
    public bool Revoked { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public Guid? SurveyId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? revoke, bool revoked, CancellationToken cancellationToken)
    {
        var rights = await LoadAsync(cancellationToken);
        Revoked = revoked;
        if (revoke is { } id && (Revoking = Users.FirstOrDefault(u => u.Id == id && u.RevokedAt is null)) is null)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        return rights.Manages ? Page() : PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var rights = await LoadAsync(cancellationToken);
        var outcome = await appUsers.CreateAsync(Mission, new AppUserInput(Name, SurveyId), rights.UserId, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            Errors.Add(refusal.Field ?? "name", refusal.Message);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
        Created = outcome.Value;
        Users = (await queries.AppUsersAsync(rights, cancellationToken)).Items;
        (Name, SurveyId) = (null, null);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var rights = await LoadAsync(cancellationToken);
        var outcome = await appUsers.RevokeAsync(Mission, id, rights.UserId, cancellationToken);
        return outcome.Refusal is not null
            ? PageAccess.Status(HttpContext, StatusCodes.Status404NotFound)
            : Redirect($"/missions/{Mission.Code}/surveys/app-users?revoked=true");
    }

    private async Task<SurveyRights> LoadAsync(CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        var (_, rights) = (await access.MissionAsync(Mission.Code, cancellationToken))!.Value;
        Users = (await queries.AppUsersAsync(rights, cancellationToken)).Items;
        Surveys = (await queries.SurveysAsync(rights, cancellationToken)).Items;
        return rights;
    }
}
