using Amani.Platform.Access;
using Amani.Platform.Directories;
using Amani.Platform.FollowUps;
using Amani.Platform.Web;
using Amani.Platform.Records;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amani.Platform.FollowUps.Pages;

/// <summary>
/// One follow-up: what is owed, by whom, by when, how far, its evidence and its history; for its owners and managers the
/// forms to record progress, move it, add evidence (a note or a file) and — for managers — to reschedule it. Each form
/// carries the version the page showed: a change made meanwhile by someone else is refused, not overwritten.
/// </summary>
[SignedIn]
public sealed class DetailModel(FollowUpQueries queries, FollowUpBook book, FollowUpAccess rules, FollowUpEvidenceFiles files, IMissionDirectory missions,
    AccessContext access, IStringLocalizer<DetailModel> text) : PageModel
{
    public FollowUpResponse FollowUp { get; private set; } = null!;
    public string? Error { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(code, id, cancellationToken) ? Page() : PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);

    public async Task<IActionResult> OnPostProgressAsync(string code, Guid id, int version, int? progress, string? note, CancellationToken cancellationToken)
    {
        if (await FindAsync(code, id, cancellationToken) is not var (followUp, mission))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (progress is < 0 or > 100)
            return await FailAsync(code, id, text["Give the progress in percent, 0 to 100."], cancellationToken);
        var outcome = await book.EditAsync(followUp, mission, version,
            new FollowUpEditRequest(null, null, null, null, null, null, progress, null, null, note), false, access.UserId, cancellationToken);
        return await AnswerAsync(code, id, outcome, text["Progress recorded."], cancellationToken);
    }

    public async Task<IActionResult> OnPostMoveAsync(string code, Guid id, int version, FollowUpStatus? to, string? reason, CancellationToken cancellationToken)
    {
        if (await FindAsync(code, id, cancellationToken) is not var (followUp, _))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (to is null)
            return await FailAsync(code, id, text["Choose what to do with the follow-up."], cancellationToken);
        var outcome = await book.MoveAsync(followUp, version, new FollowUpTransitionRequest(to, reason), access.UserId, cancellationToken);
        return await AnswerAsync(code, id, outcome, to switch
        {
            FollowUpStatus.Done => text["The follow-up is done."],
            FollowUpStatus.Dropped => text["The follow-up is dropped."],
            FollowUpStatus.InProgress => text["The follow-up is in progress."],
            _ => text["The follow-up is open again."],
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostRescheduleAsync(string code, Guid id, int version, DateTime? dueAt, CancellationToken cancellationToken)
    {
        if (await FindAsync(code, id, cancellationToken) is not var (followUp, mission))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (dueAt is null)
            return await FailAsync(code, id, text["Give the new due date and time (UTC)."], cancellationToken);
        var outcome = await book.EditAsync(followUp, mission, version,
            new FollowUpEditRequest(null, null, null, new DateTimeOffset(DateTime.SpecifyKind(dueAt.Value, DateTimeKind.Utc)), null, null, null, null, null, null),
            await rules.CanEditAsync(followUp, cancellationToken), access.UserId, cancellationToken);
        return await AnswerAsync(code, id, outcome, text["The follow-up is rescheduled."], cancellationToken);
    }

    public async Task<IActionResult> OnPostEvidenceAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(code, id, cancellationToken) is not var (followUp, _))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Outcome<FollowUpEvidence> read;
        if (Request.Form.Files.Count == 0)
        {
            var note = Request.Form["note"].ToString().Trim();
            if (note.Length is 0 or > FollowUpLimits.Text)
                return await FailAsync(code, id, text["Write a note (at most 4000 characters) or choose a file."], cancellationToken);
            read = Outcome<FollowUpEvidence>.Ok(new FollowUpEvidence { Kind = FollowUpEvidenceKind.Note, Note = note, AddedBy = "" });
        }
        else
        {
            read = await files.ReadAsync(Request, cancellationToken);
        }
        if (read.Refusal is { } refused)
            return await FailAsync(code, id, refused.Message, cancellationToken);
        var outcome = await book.AddEvidenceAsync(followUp, read.Value!, access.UserId, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return await FailAsync(code, id, refusal.Message, cancellationToken);
        Notice = text["Evidence added."];
        return Redirect($"/missions/{Uri.EscapeDataString(code)}/follow-ups/{id}");
    }

    private async Task<IActionResult> AnswerAsync(string code, Guid id, Outcome<FollowUp> outcome, string done, CancellationToken cancellationToken)
    {
        if (outcome.Refusal is { } refusal)
            return await FailAsync(code, id, refusal.Kind == RefusalKind.Stale
                ? text["Someone changed this follow-up since you loaded it. Look at it again, then apply your change again."]
                : refusal.Message, cancellationToken, refusal.Kind == RefusalKind.Stale ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        Notice = done;
        return Redirect($"/missions/{Uri.EscapeDataString(code)}/follow-ups/{id}");
    }

    /// <summary>The follow-up, tracked, if the caller may see it in this mission and act on it.</summary>
    private async Task<(FollowUp, MissionEntry)?> FindAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        if (await missions.FindAsync(code, cancellationToken) is not { } mission || await queries.FindAsync(id, tracked: true, cancellationToken) is not { } followUp
            || followUp.MissionId != mission.Id || !await rules.CanUpdateAsync(followUp, cancellationToken))
            return null;
        return (followUp, mission);
    }

    private async Task<IActionResult> FailAsync(string code, Guid id, string message, CancellationToken cancellationToken, int status = StatusCodes.Status400BadRequest)
    {
        Error = message;
        if (!await LoadAsync(code, id, cancellationToken))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        return new PageResult { StatusCode = status };
    }

    private async Task<bool> LoadAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        if (await missions.FindAsync(code, cancellationToken) is not { } mission || await queries.FindAsync(id, tracked: false, cancellationToken) is not { } followUp
            || followUp.MissionId != mission.Id)
            return false;
        FollowUp = await queries.DetailAsync(followUp, cancellationToken);
        return true;
    }
}
