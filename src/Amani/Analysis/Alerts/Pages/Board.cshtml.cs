using Amani.Platform.Records;
using Amani.Platform.Access;
using Amani.Analysis.Alerts;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amani.Analysis.Alerts.Pages;

/// <summary>
/// The alerts board of a mission: the alerts the caller's scope concerns (open ones first, by deadline), each with its
/// owner, deadline, severity, status, area, explanation, evidence and response log; and, for those who respond to
/// alerts, the moves the workflow allows, response actions and the outcome — through <see cref="AlertResponder"/>, as
/// the API does. New and changed alerts are announced live (<c>js/alerts.js</c>).
/// </summary>
[PagePermission("alerts:read")]
public sealed class BoardModel(AmaniDbContext db, AccessContext access, AlertResponder responder, TimeProvider clock, IStringLocalizer<BoardModel> text)
    : PageModel
{
    public const int Shown = 100;

    public sealed record Card(AlertResponse Alert, string Owner, bool CanRespond, bool HasAction);

    public Mission Mission { get; private set; } = null!;
    public IReadOnlyList<Card> Cards { get; private set; } = [];
    public bool ShowClosed { get; private set; }
    public string? Error { get; private set; }
    public Guid? ErrorAlert { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(bool closed = false, string? done = null, CancellationToken cancellationToken = default)
    {
        Done = done switch
        {
            "acknowledged" => text["The alert is acknowledged."].Value,
            "responding" => text["The response has started."].Value,
            "resolved" => text["The alert is resolved."].Value,
            "falseAlarm" => text["The alert is marked as a false alarm."].Value,
            "action" => text["The response action is recorded."].Value,
            _ => null,
        };
        await LoadAsync(closed, cancellationToken);
    }

    public async Task<IActionResult> OnPostTransitionAsync(Guid id, int version, AlertStatus? to, string? outcome, string? reason, string? note,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } alert)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (to is null)
            return await FailAsync(id, text["Choose what to do with the alert."], StatusCodes.Status400BadRequest, cancellationToken);
        var result = await responder.TransitionAsync(alert, version, new AlertTransitionRequest(to, Trim(note), Trim(outcome), Trim(reason)),
            access.UserId!.Value, cancellationToken);
        if (Refused(result) is { } refused)
            return await FailAsync(id, refused.Message, refused.Status, cancellationToken);
        return Redirect($"/missions/{Mission.Code}/alerts?done={AlertResponder.Name(to.Value)}#alert-{id}");
    }

    public async Task<IActionResult> OnPostActionAsync(Guid id, string? what, DateTime? at, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } alert)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (string.IsNullOrWhiteSpace(what) || what.Trim().Length < 3 || what.Length > AlertLimits.Text)
            return await FailAsync(id, text["Say what was done in 3 to 2000 characters."], StatusCodes.Status400BadRequest, cancellationToken);
        DateTimeOffset? when = at is { } local ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Utc)) : null;
        var result = await responder.RecordActionAsync(alert, new AlertActionRequest(what, when), access.UserId!.Value, cancellationToken);
        if (Refused(result) is { } refused)
            return await FailAsync(id, refused.Message, refused.Status, cancellationToken);
        return Redirect($"/missions/{Mission.Code}/alerts?done=action#alert-{id}");
    }

    private (string Message, int Status)? Refused(Outcome<Alert> result) => result.Refusal switch
    {
        null => null,
        { Kind: RefusalKind.Stale } =>
            (text["The alert was changed since you loaded it. Look at it again, then apply your change again."], StatusCodes.Status409Conflict),
        { Kind: RefusalKind.Invalid } refusal => (refusal.Message, StatusCodes.Status400BadRequest),
        var refusal => (refusal.Message, StatusCodes.Status409Conflict),
    };

    /// <summary>The alert, tracked, if the caller may respond to it (its scope for alerts:respond concerns the alert's area).</summary>
    private async Task<Alert?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        Mission = await HttpContext.LoadMissionAsync(cancellationToken);
        var alert = await db.Set<Alert>().FirstOrDefaultAsync(a => a.Id == id && a.MissionId == Mission.Id, cancellationToken);
        if (alert is null || await AlertScope.ForAsync(db, access, Mission.Id, Permission.AlertsRespond, cancellationToken) is not { } scope
            || !scope.Concerns(alert.AreaId))
            return null;
        return alert;
    }

    private async Task<IActionResult> FailAsync(Guid id, string message, int status, CancellationToken cancellationToken)
    {
        db.DiscardChanges();
        Error = message;
        ErrorAlert = id;
        await LoadAsync(closed: false, cancellationToken);
        return new PageResult { StatusCode = status };
    }

    private async Task LoadAsync(bool closed, CancellationToken cancellationToken)
    {
        Mission = await HttpContext.LoadMissionAsync(cancellationToken);
        ShowClosed = closed;
        var now = clock.GetUtcNow().UtcDateTime;
        var read = await AlertScope.ForAsync(db, access, Mission.Id, Permission.AlertsRead, cancellationToken);
        var respond = await AlertScope.ForAsync(db, access, Mission.Id, Permission.AlertsRespond, cancellationToken);
        if (read is null)
            return;
        var query = read.Filter(db.Set<Alert>().AsNoTracking());
        query = closed
            ? query.Where(a => a.Status == AlertStatus.Resolved || a.Status == AlertStatus.FalseAlarm).OrderByDescending(a => a.ClosedAt).ThenBy(a => a.Id)
            : query.Where(a => a.Status != AlertStatus.Resolved && a.Status != AlertStatus.FalseAlarm).OrderBy(a => a.DeadlineAt).ThenBy(a => a.Id);
        var alerts = await query.Take(Shown).ToListAsync(cancellationToken);
        var owners = alerts.Where(a => a.OwnerUserId != null).Select(a => a.OwnerUserId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id.ToString() : u.DisplayName, cancellationToken);
        var cards = new List<Card>(alerts.Count);
        foreach (var alert in alerts)
        {
            var detail = await AlertViews.DetailAsync(db, access, Mission, alert, now, cancellationToken);
            var owner = alert.OwnerUserId is { } user && names.TryGetValue(user, out var name)
                ? name
                : text["Any {0}", RoleName(alert.OwnerRole)].Value;
            cards.Add(new Card(detail, owner, respond?.Concerns(alert.AreaId) == true, detail.Log.Any(e => e.Kind == AlertEventKind.Action)));
        }
        Cards = cards;
    }

    private static string RoleName(Role role) => role.One();

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
