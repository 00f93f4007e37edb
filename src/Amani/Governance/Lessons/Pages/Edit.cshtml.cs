using Amani.Platform.Directories;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Governance.Lessons.Pages;

/// <summary>
/// Records a lesson or an after-action review (no id), or edits one (its author until it is validated, a manager): the
/// same <see cref="LessonBook"/> as the API. The form carries the version shown; a change saved meanwhile is refused.
/// </summary>
[PagePermission("lessons:record")]
public sealed class EditModel(LessonQueries queries, LessonBook book) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public FormErrors Errors { get; } = new();
    public bool IsNew => Id is null;

    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public LessonKind Kind { get; set; } = LessonKind.Lesson;
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public DateOnly? HappenedOn { get; set; }
    [BindProperty] public string? Observation { get; set; }
    [BindProperty] public string? Discussion { get; set; }
    [BindProperty] public string? Recommendation { get; set; }
    [BindProperty] public string? Expected { get; set; }
    [BindProperty] public string? Happened { get; set; }
    [BindProperty] public string? Causes { get; set; }
    [BindProperty] public string? Improvements { get; set; }
    [BindProperty] public string? Themes { get; set; }
    [BindProperty] public string? AreaPCode { get; set; }
    [BindProperty] public bool Attributed { get; set; } = true;
    /// <summary>One linked record a line: its kind and id (<c>incident 0190…</c>).</summary>
    [BindProperty] public string? Links { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (mission, rights))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Mission = mission;
        if (Id is not { } id)
            return Page();
        if (await queries.FindAsync(rights, id, tracked: false, cancellationToken) is not { } lesson)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (!rights.MayEdit(lesson))
            return PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
        (Version, Kind, Title, HappenedOn, AreaPCode, Attributed) = (lesson.Version, lesson.Kind, lesson.Title, lesson.HappenedOn, null, lesson.Attributed);
        (Observation, Discussion, Recommendation) = (lesson.Observation, lesson.Discussion, lesson.Recommendation);
        (Expected, Happened, Causes, Improvements) = (lesson.Expected, lesson.Happened, lesson.Causes, lesson.Improvements);
        var detail = await queries.DetailAsync(mission, rights, lesson, cancellationToken);
        AreaPCode = detail.AreaPCode;
        Themes = string.Join(", ", detail.Themes);
        Links = string.Join("\n", detail.Links.Select(l => $"{l.Kind} {l.Id}"));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (mission, rights))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Mission = mission;
        var links = new List<LessonLinkInput>();
        foreach (var line in (Links ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !Guid.TryParse(parts[1], out var linked))
            {
                Errors.Add("links", $"Write each link as a kind and an id separated by a space (incident 0190…): '{line}' is not.");
                return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
            }
            links.Add(new LessonLinkInput(parts[0], linked));
        }
        var input = new LessonInput(Kind, Title?.Trim() ?? "", HappenedOn, Observation, Discussion, Recommendation, Expected, Happened, Causes, Improvements,
            (Themes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), AreaPCode, Attributed, links.ToArray());
        if (!Errors.Check(input))
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        Platform.Records.Outcome<Lesson> outcome;
        if (Id is { } id)
        {
            if (await queries.FindAsync(rights, id, tracked: true, cancellationToken) is not { } lesson)
                return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
            outcome = await book.UpdateAsync(mission, lesson, Version, input, rights, cancellationToken);
        }
        else
            outcome = await book.CreateAsync(mission, input, rights, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            Errors.Add(refusal.Field is { } field ? field.Split('[')[0] : "title", refusal.Message);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
        return Redirect($"/missions/{Uri.EscapeDataString(mission.Code)}/lessons/{outcome.Value!.Id}");
    }
}
