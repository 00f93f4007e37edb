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
/// A mission's follow-up board: every follow-up the caller may see, soonest due first, filtered by owner, module, area,
/// status and overdue; the CSV of the same filters; and, for those who manage follow-ups, a form to ask for a new one —
/// through <see cref="FollowUpQueries"/> and <see cref="FollowUpBook"/>, as the API.
/// </summary>
[PagePermission("follow-ups:read")]
public sealed class BoardModel(FollowUpQueries queries, FollowUpBook book, FollowUpAccess rules, IMissionDirectory missions, IPeopleDirectory people,
    AccessContext access, IStringLocalizer<BoardModel> text) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public FollowUpPage Rows { get; private set; } = new([], null);
    public bool CanCreate { get; private set; }
    public IReadOnlyList<PersonEntry> Members { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    public string? Problem { get; private set; }
    [TempData] public string? Notice { get; set; }

    [BindProperty(SupportsGet = true)] public string? Owner { get; set; }
    [BindProperty(SupportsGet = true)] public string? Module { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; } = FollowUpQueries.Active;
    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    // The new follow-up's form
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Details { get; set; }
    [BindProperty] public string? OwnerKind { get; set; } = "role";
    [BindProperty] public Guid? OwnerUserId { get; set; }
    [BindProperty] public Role? OwnerRole { get; set; } = Role.DutyOfficer;
    [BindProperty] public string? OwnerName { get; set; }
    [BindProperty] public DateTime? DueAt { get; set; }
    [BindProperty] public int? RemindBeforeHours { get; set; } = 24;
    [BindProperty] public string? AreaPCode { get; set; }

    public string Query => QueryString.Create(new Dictionary<string, string?>
    {
        ["owner"] = Owner, ["module"] = Module, ["area"] = Area, ["status"] = Status, ["overdue"] = Overdue?.ToString().ToLowerInvariant(),
    }.Where(p => !string.IsNullOrWhiteSpace(p.Value))).ToUriComponent();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (await missions.FindAsync(code, cancellationToken) is not { } mission
            || await rules.RightsAsync(mission.Id, cancellationToken) is not { Manage: true } rights)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        FollowUpOwnerKind? kind = OwnerKind switch { "user" => FollowUpOwnerKind.User, "role" => FollowUpOwnerKind.Role, "external" => FollowUpOwnerKind.External, _ => null };
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length is < 3 or > FollowUpLimits.Title)
            Errors.Add("title", text["Give a title of 3 to 300 characters."]);
        if (kind is null)
            Errors.Add("ownerKind", text["Choose who owes it."]);
        if (DueAt is null)
            Errors.Add("dueAt", text["Give the due date and time (UTC)."]);
        if (RemindBeforeHours is < 0 or > FollowUpLimits.MaxRemindBeforeHours)
            Errors.Add("remindBeforeHours", text["Give 0 (no reminder) to 720 hours."]);
        if (Details?.Length > FollowUpLimits.Text)
            Errors.Add("details", text["Give details of at most 4000 characters."]);
        if (Errors.Any)
            return await FailAsync(code, cancellationToken);
        var request = new FollowUpCreateRequest(Title!.Trim(), Details, new FollowUpOwnerInput(kind, OwnerUserId, OwnerRole, OwnerName),
            new DateTimeOffset(DateTime.SpecifyKind(DueAt!.Value, DateTimeKind.Utc)), RemindBeforeHours ?? 0, null, null, null, null, AreaPCode);
        var outcome = await book.CreateAsync(mission, request, access.UserId, rights.CanManage, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            var field = refusal.Field switch { "owner.userId" => "ownerUserId", "owner.name" => "ownerName", "owner.role" => "ownerRole", var f => f ?? "title" };
            Errors.Add(field, refusal.Message);
            return await FailAsync(code, cancellationToken);
        }
        Notice = text["The follow-up is created."];
        return Redirect($"/missions/{Uri.EscapeDataString(mission.Code)}/follow-ups/{outcome.Value!.Id}");
    }

    private async Task<IActionResult> FailAsync(string code, CancellationToken cancellationToken)
    {
        await LoadAsync(code, cancellationToken);
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    private async Task<bool> LoadAsync(string code, CancellationToken cancellationToken)
    {
        if (await missions.FindAsync(code, cancellationToken) is not { } mission)
            return false;
        Mission = mission;
        var rights = await rules.RightsAsync(mission.Id, cancellationToken);
        if (!rights.Read)
            return false;
        CanCreate = rights.Manage;
        if (CanCreate)
            Members = await people.MembersAsync(mission.Id, 500, cancellationToken);
        var page = await queries.BoardAsync(code, new FollowUpsApi.Filter(Owner, Module, Overdue, Area, Status), Cursor, 50, cancellationToken);
        if (page.Refusal is { } refusal)
            Problem = refusal.Message;
        Rows = page.Value ?? new FollowUpPage([], null);
        return true;
    }
}
