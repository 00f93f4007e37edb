using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Tokens;
using Amani.Platform.Web;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amani.Foundation.Tokens.Pages;

/// <summary>
/// The caller's own access tokens: the list, creating one (name, scopes their roles grant, lifetime; the secret shown
/// on this answer only) and revoking one — through <see cref="TokenIssuer"/>, as the API. As the API's token routes,
/// the page needs a signed-in session: a request authenticated by a token is refused (403).
/// </summary>
[SignedIn]
public sealed class TokensModel(AmaniDbContext db, TokenIssuer issuer, UserManager<AmaniUser> users, AccessContext access,
    IStringLocalizer<TokensModel> text) : PageModel
{
    public IReadOnlyList<AccessToken> Tokens { get; private set; } = [];

    /// <summary>The scopes the caller's roles grant: the only ones a token of theirs may carry.</summary>
    public IReadOnlyList<string> GrantedScopes { get; private set; } = [];

    public FormErrors Errors { get; } = new();
    /// <summary>What the last action did, carried over its redirect (post, redirect, get: a reload does not repeat it).</summary>
    [TempData] public string? Notice { get; set; }
    public string? Failure { get; private set; }

    /// <summary>The new token's secret, carried (encrypted, in the temporary-data cookie) to the one page after the redirect, then gone.</summary>
    [TempData] public string? Secret { get; set; }
    public DateTime Now { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string[] Scopes { get; set; } = [];
    [BindProperty] public int? ExpiresInDays { get; set; } = TokenLimits.DefaultLifetimeDays;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        access.TokenId is not null ? TokenRefused() : await PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (access.TokenId is not null)
            return TokenRefused();
        var request = new CreateTokenRequest(Name?.Trim() ?? "", Scopes, ExpiresInDays);
        if (Errors.Check(request))
        {
            var user = (await users.FindByIdAsync(access.UserId!.Value.ToString()))!;
            var result = await issuer.IssueAsync(user, request.Name, request.Scopes, request.ExpiresInDays ?? TokenLimits.DefaultLifetimeDays,
                cancellationToken);
            if (result.Succeeded)
            {
                Notice = text["The token {0} has been created.", result.Value!.Token.Name];
                Secret = result.Value.Secret;
                return RedirectToPage();
            }
            Errors.Add(result.Field!, result.Error!);
        }
        return await PageAsync(cancellationToken, StatusCodes.Status400BadRequest);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId, CancellationToken cancellationToken)
    {
        if (access.TokenId is not null)
            return TokenRefused();
        if (await issuer.RevokeAsync(tokenId, access.UserId, cancellationToken))
        {
            Notice = text["The token has been revoked; it no longer opens anything."];
            return RedirectToPage();
        }
        Failure = text["There is no such token of yours."];
        return await PageAsync(cancellationToken, StatusCodes.Status404NotFound);
    }

    private IActionResult TokenRefused() => PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken, int status = StatusCodes.Status200OK)
    {
        var userId = access.UserId!.Value;
        Now = HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        Tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
        var roles = (await access.AssignmentsAsync(cancellationToken)).Select(a => a.Role).Distinct();
        GrantedScopes = roles.SelectMany(RolePermissions.Of).Select(p => p.Name()).Distinct().Order(StringComparer.Ordinal).ToList();
        return new PageResult { StatusCode = status };
    }
}
