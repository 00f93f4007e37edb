using Amani.Platform.Records;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Platform.Web;
using Amani.Platform.Identity;

namespace Amani.Foundation.Users.Pages;

/// <summary>
/// Users and roles: the list, creating a user (a generated password shown once), locking and unlocking, granting a role
/// (in a mission or everywhere, an area, an organisation) and revoking one — all through <see cref="UserAdministration"/>,
/// as the API, which writes the audit rows.
/// </summary>
[PagePermission("users:manage")]
public sealed class UsersModel(AmaniDbContext db, UserAdministration administration, UserManager<AmaniUser> userManager, AccessContext access,
    TimeProvider clock, IStringLocalizer<UsersModel> text) : PageModel
{
    public IReadOnlyList<UserResponse> Users { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Missions { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Organizations { get; private set; } = new Dictionary<Guid, string>();
    public Guid? CallerId => access.UserId;

    public FormErrors CreateErrors { get; } = new();
    public FormErrors GrantErrors { get; } = new();
    /// <summary>What the last action did, carried over its redirect (post, redirect, get: a reload does not repeat it).</summary>
    [TempData] public string? Notice { get; set; }
    public string? Failure { get; private set; }

    /// <summary>The password generated for the user just created: shown on the page after the redirect only, stored nowhere in clear.</summary>
    [TempData] public string? GeneratedPassword { get; set; }

    /// <summary>The user just created, preselected in the grant form ("user:" + id: temporary data would turn a bare id into a Guid).</summary>
    [TempData] public string? CreatedUserId { get; set; }

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public Guid? GrantUserId { get; set; }
    [BindProperty] public Role? Role { get; set; }
    [BindProperty] public string? MissionCode { get; set; }
    [BindProperty] public string? AreaPCode { get; set; }
    [BindProperty] public Guid? OrganizationId { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (CreatedUserId is ['u', 's', 'e', 'r', ':', .. var id] && Guid.TryParse(id, out var created))
            GrantUserId = created;
        return LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var request = new CreateUserRequest(Email?.Trim() ?? "", Blank(DisplayName), string.IsNullOrEmpty(Password) ? null : Password);
        if (CreateErrors.Check(request))
        {
            var result = await administration.CreateAsync(request.Email, request.DisplayName, request.Password, cancellationToken);
            if (result.Succeeded)
            {
                Notice = text["The user {0} has been created.", result.Value!.User.Email!];
                GeneratedPassword = result.Value.GeneratedPassword;
                CreatedUserId = "user:" + result.Value.User.Id;
                return RedirectToPage();
            }
            CreateErrors.Add(result.Field!, result.Error!);
        }
        Password = null;
        return await PageAsync(cancellationToken, StatusCodes.Status400BadRequest);
    }

    public async Task<IActionResult> OnPostGrantAsync(CancellationToken cancellationToken)
    {
        var request = new GrantRoleRequest(Role, Blank(MissionCode), Blank(AreaPCode), OrganizationId);
        AmaniUser? user = null;
        if (GrantUserId is null || (user = await userManager.FindByIdAsync(GrantUserId.Value.ToString())) is null)
            GrantErrors.Add("grantUserId", text["Choose the user."]);
        if (GrantErrors.Check(request) && user is not null)
        {
            var result = await administration.GrantAsync(user, request, cancellationToken);
            if (result.Succeeded)
            {
                Notice = text["The role {0} has been granted to {1}.", request.Role!.Value.Label(), user.Email!];
                return RedirectToPage();
            }
            GrantErrors.Add(result.Field!, result.Error!);
        }
        return await PageAsync(cancellationToken, StatusCodes.Status400BadRequest);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid userId, Guid assignmentId, CancellationToken cancellationToken)
    {
        switch (await administration.RevokeAsync(userId, assignmentId, cancellationToken))
        {
            case null:
                Notice = text["The role has been revoked."];
                return RedirectToPage();
            case { Kind: RefusalKind.Conflict }:
                Failure = text["This is the last administrator for every mission: grant the role to someone else first."];
                return await PageAsync(cancellationToken, StatusCodes.Status409Conflict);
            default:
                Failure = text["That role assignment no longer exists."];
                return await PageAsync(cancellationToken, StatusCodes.Status404NotFound);
        }
    }

    public Task<IActionResult> OnPostLockAsync(Guid userId, CancellationToken cancellationToken) => SetLockedAsync(userId, true, cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(Guid userId, CancellationToken cancellationToken) => SetLockedAsync(userId, false, cancellationToken);

    private async Task<IActionResult> SetLockedAsync(Guid userId, bool locked, CancellationToken cancellationToken)
    {
        if (locked && !UserAdministration.MayLock(userId, access.UserId))
        {
            Failure = text["You cannot lock your own account."];
            return await PageAsync(cancellationToken, StatusCodes.Status403Forbidden);
        }
        if (await userManager.FindByIdAsync(userId.ToString()) is not { } user)
        {
            Failure = text["That user no longer exists."];
            return await PageAsync(cancellationToken, StatusCodes.Status404NotFound);
        }
        await administration.SetLockedAsync(user, locked, cancellationToken);
        Notice = locked ? text["The account of {0} is locked.", user.Email!] : text["The account of {0} is unlocked.", user.Email!];
        return RedirectToPage();
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken, int status = StatusCodes.Status200OK)
    {
        await LoadAsync(cancellationToken);
        return new PageResult { StatusCode = status };
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = await UserViews.RolesAsync(db, users.Select(u => u.Id).ToList(), cancellationToken);
        Users = users.Select(u => UserViews.ToResponse(u, roles, clock)).ToList();
        Missions = (await db.Missions.AsNoTracking().OrderBy(m => m.Code).Select(m => new { m.Code, m.Name }).ToListAsync(cancellationToken))
            .Select(m => (m.Code, m.Name)).ToList();
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
