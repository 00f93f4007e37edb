using System.Security.Claims;
using System.Text.Encodings.Web;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Amani.Foundation.Tokens;

/// <summary>
/// Authenticates <c>Authorization: Bearer amani_pat_…</c>. An unknown, expired or revoked token, or one whose user is
/// locked out, is refused with 401 and a problem that says which.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AmaniDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private string? _failure;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        var hash = TokenSecret.Hash(secret);
        var found = await db.AccessTokens
            .Where(t => t.SecretHash == hash)
            .Select(t => new { Token = t, User = db.Users.First(u => u.Id == t.UserId) })
            .FirstOrDefaultAsync(Context.RequestAborted);
        var now = clock.GetUtcNow();
        _failure = found switch
        {
            null => "The access token is not known. Check that it was copied whole.",
            { Token.RevokedAt: not null } => $"The access token '{found.Token.Name}' was revoked on {found.Token.RevokedAt:yyyy-MM-dd HH:mm} UTC.",
            _ when found.Token.ExpiresAt <= now.UtcDateTime => $"The access token '{found.Token.Name}' expired on {found.Token.ExpiresAt:yyyy-MM-dd HH:mm} UTC.",
            _ when found.User.LockoutEnd > now => "The account this token belongs to is locked.",
            _ => null,
        };
        if (_failure is not null)
            return AuthenticateResult.Fail(_failure);

        var token = found!.Token;
        if (token.LastUsedAt is null || now.UtcDateTime - token.LastUsedAt > LastUsedResolution)
        {
            token.LastUsedAt = now.UtcDateTime;
            await db.SaveChangesAsync(Context.RequestAborted);
        }
        db.ChangeTracker.Clear();
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, token.UserId.ToString()),
            new Claim(ClaimTypes.Name, found.User.Email ?? ""),
            new Claim(AccessContext.TokenIdClaim, token.Id.ToString()),
            new Claim(AccessContext.ScopesClaim, token.Scopes),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        _failure is null
            ? Problem.WriteAsync(Context, ProblemType.Unauthenticated, ProblemType.Unauthenticated.Explanation)
            : Problem.WriteAsync(Context, ProblemType.TokenInvalid, _failure);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem.WriteAsync(Context, ProblemType.Forbidden, ProblemType.Forbidden.Explanation);
}
