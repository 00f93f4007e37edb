using System.Text;
using Amani.Platform.Directories;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Governance.Surveys.Preview.Pages;

/// <summary>
/// The survey form preview: a staff member uploads an XForm file (or pastes its XML); the server checks it
/// (<see cref="XFormCheck"/>: no DTD, an XForm's shape) and the page renders it with the browser's XForm engine
/// (ODK Web Forms, <c>lib/odk-web-forms</c>), in the page's language when the form has it. "Send" shows the submission
/// the engine produced (instance XML, instanceID, attachments) instead of sending it. Nothing is stored. Gated on
/// <c>surveys:manage</c>, like the forms it previews.
/// </summary>
[PagePermission(SurveyPreviewApi.PermissionScope)]
public sealed class PreviewModel : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public FormErrors Errors { get; } = new();
    public XFormSummary? Form { get; private set; }
    public string? Xml { get; private set; }
    /// <summary>This answer's Content Security Policy nonce for the styles the engine adds (<see cref="SecurityHeaders.AllowFormEngine"/>).</summary>
    public string? StyleNonce { get; private set; }

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Pasted { get; set; }

    public void OnGet() => Mission = HttpContext.Mission();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        string xml;
        if (Upload is { Length: > 0 } file)
        {
            if (file.Length > XFormCheck.MaxCharacters)
                return Refuse($"The file is larger than {XFormCheck.MaxCharacters / 1_000_000} MB: an XForm is usually under 1 MB; check that this is the right file.");
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            xml = await reader.ReadToEndAsync(cancellationToken);
        }
        else
            xml = Pasted ?? "";
        var result = XFormCheck.Check(xml);
        if (result.Form is null)
            return Refuse(result.Problem!);
        (Form, Xml, StyleNonce) = (result.Form, xml, HttpContext.AllowFormEngine());
        return Page();
    }

    private PageResult Refuse(string problem)
    {
        Errors.Add("form", problem);
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}
