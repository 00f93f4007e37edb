using Amani.Platform.Directories;
using Amani.Platform.Records;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Governance.Surveys.Submissions.Pages;

/// <summary>
/// A form's submissions as a table (50 a page, cursor paging, no script needed): meta columns and one per question
/// outside repeats, each repeat as its count linking to the submission, attachments as links; the export links (full and
/// for partners) and the map of the GPS answers (<c>js/survey-map.js</c> over the GeoJSON export). A sensitive survey's
/// submissions: its team only (403 otherwise), as in the API.
/// </summary>
[PagePermission("surveys:read")]
public sealed class SubmissionsModel(SubmissionsAccess access, SubmissionRows reader, Amani.Platform.Hosting.AmaniSettings settings) : PageModel
{
    public const int PageSize = 50;

    public MissionEntry Mission { get; private set; } = null!;
    public SurveyForm Form { get; private set; } = null!;
    public IReadOnlyList<TableColumn> Columns { get; private set; } = [];
    public IReadOnlyList<string?[]> Rows { get; private set; } = [];
    public string? Next { get; private set; }
    public string Api { get; private set; } = "";
    public string? Tiles => settings.MapTileUrl;

    public async Task<IActionResult> OnGetAsync(string xmlFormId, string? cursor, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        var (found, refused) = await access.FormAsync(Mission.Code, xmlFormId, cancellationToken);
        if (found is null)
            return PageAccess.Status(HttpContext, refused!.StatusCode);
        Form = found.Form;
        (DateTime, Guid)? after = null;
        if (cursor is not null && Paging.TryParseCursor(cursor, out var parsed))
            after = parsed;
        var layout = await reader.LayoutAsync(Form, false, false, cancellationToken);
        // On the page, a question inside a repeat is shown on the submission's page; the table keeps the repeat's count.
        var shown = layout.Main.Select((c, i) => (c, i)).Where(p => !layout.Repeats.Values.Any(r => r.Any(rc => rc.Field is not null && rc.Field == p.c.Field)))
            .ToList();
        Columns = shown.Select(p => p.c).ToList();
        var areas = await reader.AreasAsync(Mission.Id, cancellationToken);
        Api = SubmissionRows.AttachmentBase(Mission.Code, Form);
        var submissions = new List<SubmissionRecord>();
        await foreach (var s in reader.ReadAsync(Form, after, PageSize + 1, cancellationToken))
            submissions.Add(s);
        Rows = submissions.Take(PageSize).Select(s => layout.MainRow(s, SubmissionLayout.Root(s.Xml), areas, Api))
            .Select(row => shown.Select(p => row[p.i]).ToArray()).ToList();
        Next = submissions.Count > PageSize ? Paging.Cursor(submissions[PageSize - 1].ReceivedAt, submissions[PageSize - 1].Id) : null;
        return Page();
    }
}
