using System.Security.Claims;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Amani.Foundation.Users;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Amani.Foundation.Accounts;

/// <summary>
/// Password sign-in, shared by the JSON API and the HTML form; every attempt audited. It says nothing about which
/// accounts exist: a wrong password and an unknown e-mail get the same answer after the same password-hash work, and
/// failures are slowed per account and address (<see cref="SignInThrottle"/>), never by locking the account — only an
/// administrator locks one, and only someone who knows the password learns that it is locked. A success starts a
/// server-side session (<see cref="UserSessions"/>) that signing out ends.
/// </summary>
public sealed class SignIn(SignInManager<AmaniUser> signIn, UserManager<AmaniUser> users, AuditLog audit, AmaniDbContext db,
    SignInThrottle throttle, UserSessions sessions, IHttpContextAccessor http, TimeProvider clock)
{
    public sealed record Outcome(ProblemType? Problem, string? Detail, TimeSpan? RetryAfter = null)
    {
        public bool Succeeded => Problem is null;
    }

    /// <summary>A hash of a random password, verified when the e-mail is unknown so that the answer takes as long.</summary>
    internal static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<AmaniUser>().HashPassword(new AmaniUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public async Task<Outcome> PasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var address = http.HttpContext?.Connection.RemoteIpAddress;
        if (throttle.Wait(email, address) is { TotalSeconds: > 0 } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            return new Outcome(ProblemType.RateLimited,
                $"Too many failed sign-ins for this e-mail from your address. Try again in {seconds} seconds.", wait);
        }
        var user = await users.FindByEmailAsync(email.Trim());
        bool correct;
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new AmaniUser(), DecoyHash.Value, password); // the same work, the answer is "no"
            correct = false;
        }
        else
            correct = await users.CheckPasswordAsync(user, password);
        if (!correct)
        {
            throttle.Failed(email, address);
            audit.Record(AuditAction.SignInFailed, AmaniUser.AuditEntity, user?.Id,
                user is null ? "Failed sign-in for an unknown account." : $"Failed sign-in for user {user.Id}.");
            await db.SaveChangesAsync(cancellationToken);
            return new Outcome(ProblemType.BadCredentials, ProblemType.BadCredentials.Explanation);
        }
        throttle.Succeeded(email, address);
        if (user!.LockoutEnd > clock.GetUtcNow())
        {
            audit.Record(AuditAction.SignInFailed, AmaniUser.AuditEntity, user.Id, $"Failed sign-in for user {user.Id} (locked by an administrator).");
            await db.SaveChangesAsync(cancellationToken);
            return new Outcome(ProblemType.AccountLocked, "This account is locked. Ask an administrator to unlock it.");
        }
        var session = await sessions.StartAsync(user.Id, cancellationToken);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [session]);
        audit.Record(AuditAction.SignInSucceeded, AmaniUser.AuditEntity, user.Id, $"User {user.Id} signed in.");
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(null, null);
    }

    /// <summary>Ends this session, on the server as in the browser.</summary>
    public async Task SignOutAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (http.HttpContext?.User is { } principal)
            await sessions.EndAsync(principal, cancellationToken);
        await signIn.SignOutAsync();
        audit.Record(AuditAction.SignedOut, AmaniUser.AuditEntity, userId, $"User {userId} signed out.");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Ends every session of the user — this one and those on other devices — and renews their security stamp.</summary>
    public async Task<int> SignOutEverywhereAsync(Guid userId, CancellationToken cancellationToken)
    {
        var ended = await sessions.EndAllAsync(userId, cancellationToken);
        if (await users.FindByIdAsync(userId.ToString()) is { } user)
            await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        audit.Record(AuditAction.SignedOutEverywhere, AmaniUser.AuditEntity, userId, $"User {userId} signed out everywhere ({ended} session(s) ended).");
        await db.SaveChangesAsync(cancellationToken);
        return ended;
    }
}
