using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Register.Incidents;
using Amani.Platform.Live;
using Amani.Platform.Records;
using Amani.Foundation.Missions;
using Amani.Register.Reporting;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amani.Register.Reporting.Pages.Triage;

/// <summary>
/// The triage queue of a mission: new community reports first, filters, one selected report with its conversation and
/// likely duplicates, and the triage actions as plain form posts (assign, verify, reject, link or merge into an
/// incident, reply, reveal the contact) — all through <see cref="ReportTriage"/>, as the triage API. Every action form
/// carries the report's version (<see cref="CommunityReport.Version"/>); a report changed meanwhile answers 409 with a
/// message and the fresh report.
/// </summary>
[PagePermission("reports:read")]
public sealed class QueueModel(AmaniDbContext db, AccessContext access, ReportTriage triage, TriageQueue queue, IReportDuplicates duplicates,
    IStringLocalizer<QueueModel> text, LiveBus live) : PageModel
{
    public const int MaxDuplicates = 5;

    public MissionEntry Mission { get; private set; } = null!;
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Selected { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public TriageRows Rows { get; private set; } = new([], null);
    public CommunityReport? Report { get; private set; }
    public IReadOnlyList<ReportMessage> Messages { get; private set; } = [];
    public IReadOnlyList<ReportDuplicate> Duplicates { get; private set; } = [];
    public IReadOnlyList<ReportAssignee> Assignees { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();
    public bool CanTriage { get; private set; }
    public bool CanReveal { get; private set; }
    public ContactDetails? Contact { get; private set; }
    public string? Notice { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The live feed's position before the queue was read: the page's live banner hears what came after.</summary>
    public string LiveSince { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notice = (Done switch
        {
            "assigned" => text["The assignment was saved."],
            "verified" => text["The report was verified: it is now in review."],
            "rejected" => text["The report was rejected and closed."],
            "reopened" => text["The report was reopened."],
            "linked" => text["The report was linked to the incident."],
            "replied" => text["Your reply was stored; the reporter sees it on the status page (and by SMS for SMS reports)."],
            _ => null,
        })?.Value;
        await LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAssignAsync(Guid id, int version, string? assignee, CancellationToken cancellationToken) =>
        ActAsync(id, version, "assigned", async (mission, report) =>
        {
            Guid? user = assignee switch
            {
                "me" => access.UserId,
                null or "" or "none" => null,
                _ when Guid.TryParse(assignee, out var chosen) => chosen,
                _ => Guid.Empty,
            };
            var assigned = await triage.AssignAsync(mission, report, version, user, cancellationToken);
            return Explain(assigned.Refusal, text["Choose someone who triages reports in this mission."]);
        }, cancellationToken);

    public Task<IActionResult> OnPostStatusAsync(Guid id, int version, string? to, CancellationToken cancellationToken)
    {
        (ReportStatus Status, string Done)? move = to switch
        {
            "verify" => (ReportStatus.InReview, "verified"),
            "reject" => (ReportStatus.Closed, "rejected"),
            "reopen" => (ReportStatus.New, "reopened"),
            _ => null,
        };
        return ActAsync(id, version, move?.Done ?? "", async (_, report) =>
        {
            if (move is null)
                return Refusal.Invalid("to", text["Choose verify, reject or reopen."]);
            return (await triage.SetStatusAsync(report, version, move.Value.Status, cancellationToken)).Refusal;
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostLinkAsync(Guid id, int version, string? incidentId, CancellationToken cancellationToken) =>
        ActAsync(id, version, "linked", async (mission, report) =>
        {
            if (!Guid.TryParse(incidentId?.Trim(), out var incident))
                return Refusal.Invalid("incidentId", text["Give the incident's identifier (as shown on the incident's page), or choose a likely duplicate."]);
            var linked = await triage.LinkAsync(mission, report, version, new LinkReportRequest(incident, null), cancellationToken);
            return Explain(linked.Refusal, text["There is no such incident in this mission that you can see."]);
        }, cancellationToken);

    public Task<IActionResult> OnPostReplyAsync(Guid id, int version, string? body, CancellationToken cancellationToken) =>
        ActAsync(id, version, "replied", async (_, report) =>
        {
            if (string.IsNullOrWhiteSpace(body) || body.Trim().Length > ReportLimits.Message)
                return Refusal.Invalid("body", text["Write a reply of 1 to {0} characters.", ReportLimits.Message]);
            return (await triage.ReplyAsync(report, version, body, cancellationToken)).Refusal;
        }, cancellationToken);

    /// <summary>Shows the reporter's contact on this answer only (never in a link or the queue), with its audit row.</summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid id, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        if (!await access.HasAsync(Permission.ReportsRevealContact, Mission.Id, cancellationToken))
            return PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
        if (await triage.FindAsync(Mission.Code, id, Permission.ReportsRevealContact, cancellationToken) is not var (_, report))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Contact = await triage.RevealContactAsync(report, cancellationToken);
        if (Contact is null)
            Error = text["The reporter stayed anonymous or did not agree to be contacted."];
        Selected = id;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// One triage action: 403 without <c>reports:triage</c>, 404 for a report not in the mission, 409 with the fresh
    /// report when it changed since the page showed it (its version is not <paramref name="version"/>, or the action
    /// found it stale), 400 with the reason when the action refuses; else back to the queue (post/redirect/get) with
    /// the report still selected.
    /// </summary>
    private async Task<IActionResult> ActAsync(Guid id, int version, string done, Func<Mission, CommunityReport, Task<Refusal?>> action,
        CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        if (!await access.HasAsync(Permission.ReportsTriage, Mission.Id, cancellationToken))
            return PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
        if (await triage.FindAsync(Mission.Code, id, Permission.ReportsTriage, cancellationToken) is not var (mission, report))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Selected = id;
        var refused = report.Version == version ? await action(mission, report) : ReportTriage.Stale;
        if (refused is { Kind: RefusalKind.Stale })
            return await ShowAsync(StatusCodes.Status409Conflict,
                text["Someone changed this report since you opened the page; nothing was saved. Check it as it is now and try again."], cancellationToken);
        if (refused is not null)
            return await ShowAsync(StatusCodes.Status400BadRequest, refused.Message, cancellationToken);
        return Redirect(QueueUrl(selected: id, done: done, after: After));
    }

    /// <summary>A refusal other than a stale version, told in the page's words (<paramref name="message"/>).</summary>
    private static Refusal? Explain(Refusal? refusal, string message) =>
        refusal is { Kind: not RefusalKind.Stale } ? refusal with { Message = message } : refusal;

    private async Task<IActionResult> ShowAsync(int status, string error, CancellationToken cancellationToken)
    {
        Error = error;
        db.ChangeTracker.Clear();
        await LoadAsync(cancellationToken);
        return new PageResult { StatusCode = status };
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        LiveSince = live.Position;
        Mission = HttpContext.Mission();
        CanTriage = await access.HasAsync(Permission.ReportsTriage, Mission.Id, cancellationToken);
        CanReveal = await access.HasAsync(Permission.ReportsRevealContact, Mission.Id, cancellationToken);
        var scope = await access.AreaScopeAsync(Mission.Id, Permission.ReportsRead, cancellationToken) ?? AreaScope.Nowhere;
        Rows = await queue.PageAsync(Mission.Id, TriageFilter.Parse(Status, Source, Category), scope, After, cancellationToken);
        var selected = Selected ?? Rows.Items.FirstOrDefault()?.Id;
        if (selected is { } id)
        {
            Report = await scope.Filter(db.CommunityReports.AsNoTracking(), r => r.AreaId)
                .FirstOrDefaultAsync(r => r.Id == id && r.MissionId == Mission.Id, cancellationToken);
            if (Report is not null)
            {
                Selected = Report.Id;
                Messages = await db.ReportMessages.AsNoTracking().Where(m => m.ReportId == id).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(cancellationToken);
                Duplicates = await duplicates.ForReportAsync(Report, MaxDuplicates, cancellationToken);
            }
        }
        Assignees = await triage.AssigneesAsync(Mission.Id, cancellationToken);
        var names = Assignees.ToDictionary(a => a.Id, a => a.DisplayName);
        var unknown = Rows.Items.Select(r => r.AssignedToUserId).Append(Report?.AssignedToUserId).OfType<Guid>().Where(u => !names.ContainsKey(u)).Distinct().ToList();
        if (unknown.Count > 0)
            foreach (var user in await db.Users.AsNoTracking().Where(u => unknown.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
                names[user.Id] = user.DisplayName;
        Names = names;
    }

    /// <summary>The queue's address with the current filters (and page), optionally a selected report and a done notice.</summary>
    public string QueueUrl(Guid? selected = null, string? done = null, string? after = null, bool keepPage = true)
    {
        var query = new QueryString()
            .AddIf("status", Status).AddIf("source", Source).AddIf("category", Category)
            .AddIf("after", keepPage ? after ?? After : after)
            .AddIf("selected", selected?.ToString())
            .AddIf("done", done);
        return $"/missions/{Uri.EscapeDataString(Mission.Code)}/triage{query}";
    }

    /// <summary>Where an action form posts: this queue (filters and page kept) with the handler.</summary>
    public string ActionUrl(string handler)
    {
        var url = QueueUrl();
        return url + (url.Contains('?') ? "&" : "?") + "handler=" + handler;
    }

    /// <summary>Whether a report arriving now would be listed here (it is new and linked to no incident): the live banner offers it.</summary>
    public bool ListsNewReports => TriageFilter.Parse(Status, Source, Category) is var filter && filter.Statuses.Contains(ReportStatus.New) && filter.Category is null;

    /// <summary>The source the list is filtered on (<c>web</c>, <c>sms</c>), or empty.</summary>
    public string ListedSource => TriageFilter.Parse(Status, Source, Category).Source ?? "";

    public string NameOf(Guid? user) => user is { } id ? Names.TryGetValue(id, out var name) ? name : id.ToString() : "";
}

internal static class QueryStringExtensions
{
    public static QueryString AddIf(this QueryString query, string name, string? value) =>
        string.IsNullOrEmpty(value) ? query : query.Add(name, value);
}
