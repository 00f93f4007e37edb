using Amani.Platform.Access;
using Amani.Platform.Directories;
using Amani.Platform.FollowUps;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Governance.Lessons.Pages;

/// <summary>
/// One lesson: its texts, themes, area, linked records, author (or "not attributed"), history; the moves the caller may
/// make, and for managers the form that turns its recommendation into a follow-up. Each form carries the version shown.
/// </summary>
[PagePermission("lessons:read")]
public sealed class DetailModel(LessonQueries queries, LessonBook book) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public LessonResponse Lesson { get; private set; } = null!;
    public string? Problem { get; private set; }

    [BindProperty] public int Version { get; set; }
    [BindProperty] public LessonStatus? To { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public Role? OwnerRole { get; set; } = Role.DutyOfficer;
    [BindProperty] public DateTime? DueAt { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(code, id, cancellationToken) is not null ? Page() : PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);

    public async Task<IActionResult> OnPostMoveAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (mission, rights)
            || await queries.FindAsync(rights, id, tracked: true, cancellationToken) is not { } lesson)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (To is null)
            return await FailAsync(code, id, "Choose where the lesson moves.", cancellationToken);
        var outcome = await book.MoveAsync(lesson, Version, new LessonTransitionRequest(To, Reason), rights, cancellationToken);
        return outcome.Refusal is { } refusal ? await FailAsync(code, id, refusal.Message, cancellationToken)
            : Redirect($"/missions/{Uri.EscapeDataString(mission.Code)}/lessons/{id}");
    }

    public async Task<IActionResult> OnPostFollowUpAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (mission, rights)
            || await queries.FindAsync(rights, id, tracked: true, cancellationToken) is not { } lesson)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (DueAt is null)
            return await FailAsync(code, id, "Give the due date and time (UTC).", cancellationToken);
        var request = new LessonFollowUpRequest(null, new FollowUpOwnerInput(FollowUpOwnerKind.Role, null, OwnerRole, null),
            new DateTimeOffset(DateTime.SpecifyKind(DueAt.Value, DateTimeKind.Utc)), 24);
        var outcome = await book.AskFollowUpAsync(mission, lesson, Version, request, rights, cancellationToken);
        return outcome.Refusal is { } refusal ? await FailAsync(code, id, refusal.Message, cancellationToken)
            : Redirect($"/missions/{Uri.EscapeDataString(mission.Code)}/lessons/{id}");
    }

    private async Task<IActionResult> FailAsync(string code, Guid id, string problem, CancellationToken cancellationToken)
    {
        HttpContext.RequestServices.GetRequiredService<Platform.Data.AmaniDbContext>().ChangeTracker.Clear();
        if (await LoadAsync(code, id, cancellationToken) is null)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Problem = problem;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    private async Task<LessonResponse?> LoadAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        if (await queries.MissionAsync(code, cancellationToken) is not var (mission, rights)
            || await queries.FindAsync(rights, id, tracked: false, cancellationToken) is not { } lesson)
            return null;
        Mission = mission;
        return Lesson = await queries.DetailAsync(mission, rights, lesson, cancellationToken);
    }
}
