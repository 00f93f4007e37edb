using System.Security.Claims;
using Amani.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Accounts;

/// <summary>
/// Starts, checks and ends the server-side <see cref="UserSession"/>s behind session cookies. Every request with a
/// session cookie is checked (<see cref="ValidateAsync"/>): its session must exist and not have ended, and the user's
/// security stamp must be current (a password change ends the other sessions). Access tokens are separate and are
/// revoked on their own.
/// </summary>
public sealed class UserSessions(AmaniDbContext db, TimeProvider clock)
{
    /// <summary>The claim of the session cookie that names its server-side session.</summary>
    public const string Claim = "amani:session";

    public async Task<Claim> StartAsync(Guid userId, CancellationToken cancellationToken)
    {
        var session = new UserSession { UserId = userId, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Set<UserSession>().Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return new Claim(Claim, session.Id.ToString());
    }

    /// <summary>Ends the session of <paramref name="principal"/> (sign-out).</summary>
    public Task EndAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        Guid.TryParse(principal.FindFirstValue(Claim), out var id)
            ? db.Set<UserSession>().Where(s => s.Id == id && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, clock.GetUtcNow().UtcDateTime).SetProperty(x => x.EndedBy, "sign-out"), cancellationToken)
            : Task.CompletedTask;

    /// <summary>Ends every open session of <paramref name="userId"/>; returns how many there were.</summary>
    public Task<int> EndAllAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Set<UserSession>().Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, clock.GetUtcNow().UtcDateTime).SetProperty(x => x.EndedBy, "sign-out-everywhere"),
                cancellationToken);

    private Task<bool> IsOpenAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
        db.Set<UserSession>().AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null, cancellationToken);

    /// <summary>
    /// The session cookie's check on every request: a cookie without a session (made before sessions were kept), or
    /// whose session has ended, is refused and cleared; otherwise the security stamp is checked as Identity does.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        if (principal is null || !Guid.TryParse(principal.FindFirstValue(Claim), out var sessionId)
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || !await services.GetRequiredService<UserSessions>().IsOpenAsync(sessionId, userId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Keeps the session claim when the security-stamp check re-issues the cookie.</summary>
    public static Task KeepSession(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(Claim) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(c => c.Type == Claim))
            identity.AddClaim(new Claim(Claim, session.Value));
        return Task.CompletedTask;
    }
}
