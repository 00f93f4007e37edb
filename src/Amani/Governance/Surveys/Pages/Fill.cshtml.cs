using Amani.Governance.Surveys.OpenRosa;
using Amani.Platform.Directories;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Governance.Surveys.Pages;

/// <summary>
/// Filling a form in the browser: the form's latest open version (the one phones get) rendered by the bundled XForm
/// engine (ODK Web Forms) as the preview page does, and sent by <c>js/survey-submit.js</c> as ODK Collect sends it — a
/// multipart OpenRosa post — to the staff submission endpoint <c>/api/v1/openrosa/missions/{code}/submission</c>, with
/// the session cookie and the antiforgery token, so that it is stored exactly as a phone's submission (with the user's
/// id). Without a connection the submission waits in IndexedDB and goes out when it is back. A closed form or survey
/// (or one without an open version) is a 404, as for phones, which are not offered it. Gated on surveys:submit.
/// </summary>
[PagePermission("surveys:submit")]
public sealed class FillModel(SurveyAccess access, SurveyQueries queries) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public FormResponse Form { get; private set; } = null!;
    public string Version { get; private set; } = "";
    public string Xml { get; private set; } = "";
    /// <summary>Where the engine's submissions go (the staff OpenRosa endpoint of the mission).</summary>
    public string SubmissionUrl { get; private set; } = "";
    /// <summary>This answer's Content Security Policy nonce for the engine's styles (<see cref="SecurityHeaders.AllowFormEngine"/>).</summary>
    public string? StyleNonce { get; private set; }

    public async Task<IActionResult> OnGetAsync(string xmlFormId, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        if (await access.MissionAsync(Mission.Code, cancellationToken) is not var (_, rights)
            || await queries.FormAsync(rights, xmlFormId, false, cancellationToken) is not { } form
            || (await queries.SurveyOfAsync(form, cancellationToken)).State != SurveyState.Open)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Form = await queries.FormResponseAsync(form, cancellationToken);
        if (Form.Current is not { } current || await queries.XFormAsync(form, current, cancellationToken) is not { } xml)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        (Version, Xml) = (current, xml);
        SubmissionUrl = $"{OpenRosaLinks.Prefix}/missions/{Mission.Code}/submission";
        StyleNonce = HttpContext.AllowFormEngine();
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
