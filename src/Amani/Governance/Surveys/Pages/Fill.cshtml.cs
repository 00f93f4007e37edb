using Amani.Governance.Surveys.OpenRosa;
using Amani.Platform.Access;
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
/// id). Without a connection the submission waits in IndexedDB and goes out when it is back. A form the endpoint would
/// not offer this user (closed, of a closed survey, without an open version, of a sensitive survey whose team they are
/// not on) is a 404. Gated on surveys:submit.
/// </summary>
[PagePermission("surveys:submit")]
public sealed class FillModel(AccessContext access, SurveyAccess surveys, OpenRosaForms forms, SurveyQueries queries) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public OfferedForm Form { get; private set; } = null!;
    public Guid SurveyId { get; private set; }
    public string Version { get; private set; } = "";
    public string Xml { get; private set; } = "";
    /// <summary>Where the engine's submissions go (the staff OpenRosa endpoint of the mission).</summary>
    public string SubmissionUrl { get; private set; } = "";
    /// <summary>Where the engine fetches the form's media files (images in labels and choices): the staff OpenRosa endpoint's, as a phone's.</summary>
    public string MediaUrl { get; private set; } = "";
    /// <summary>
    /// Marks what this user queues in the browser's offline queue (a hash of the user id, not the id): a queued submission is
    /// sent only from a page of the user who filled it, never under the next session of a shared computer.
    /// </summary>
    public string QueueOwner { get; private set; } = "";
    /// <summary>This answer's Content Security Policy nonce for the engine's styles (<see cref="SecurityHeaders.AllowFormEngine"/>).</summary>
    public string? StyleNonce { get; private set; }

    public async Task<IActionResult> OnGetAsync(string xmlFormId, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        // What the staff OpenRosa endpoint offers this user (a sensitive survey's forms: its team only), so the page never
        // shows a form whose submission would be refused.
        var caller = new OpenRosaCaller(Mission, null, UserId: access.UserId);
        if (access.UserId is null || (await forms.OfferedAsync(caller, xmlFormId, cancellationToken)).FirstOrDefault() is not { } offered
            || await forms.XFormAsync(offered.VersionId, cancellationToken) is not { } xml
            || await surveys.MissionAsync(Mission.Code, cancellationToken) is not var (_, rights)
            || await queries.FormAsync(rights, xmlFormId, false, cancellationToken) is not { } form)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        (Form, Version, Xml) = (offered, offered.Version, xml);
        SurveyId = form.SurveyId;
        SubmissionUrl = $"{OpenRosaLinks.Prefix}/missions/{Mission.Code}/submission";
        MediaUrl = $"{OpenRosaLinks.Prefix}/missions/{Mission.Code}/forms/{Uri.EscapeDataString(offered.XmlFormId)}/media/";
        QueueOwner = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"amani-survey-queue:{access.UserId}")))[..32];
        StyleNonce = HttpContext.AllowFormEngine();
        return Page();
    }
}
