using Amani.Platform.Directories;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Governance.Lessons.Pages;

/// <summary>The lessons register of a mission: full-text search and filters, through <see cref="LessonQueries"/> as the API.</summary>
[PagePermission("lessons:read")]
public sealed class IndexModel(LessonQueries queries) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public LessonPage Rows { get; private set; } = new([], null);
    public IReadOnlyList<LessonThemeCount> Themes { get; private set; } = [];
    public bool CanRecord { get; private set; }
    public string? Problem { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public string Query => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["theme"] = Theme, ["area"] = Area, ["kind"] = Kind, ["status"] = Status,
    }.Where(p => !string.IsNullOrWhiteSpace(p.Value))).ToUriComponent();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (mission, rights))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Mission = mission;
        CanRecord = rights.Record is not null;
        Themes = await queries.ThemesAsync(rights, cancellationToken);
        var page = await queries.PageAsync(mission, rights, new LessonFilter(Q, Theme, Area, Kind, Status, null), Cursor, 50, cancellationToken);
        if (page.Refusal is { } refusal)
            Problem = refusal.Message;
        Rows = page.Value ?? new LessonPage([], null);
        return Page();
    }
}
