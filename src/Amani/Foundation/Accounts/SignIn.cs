using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Amani.Foundation.Users;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Amani.Foundation.Accounts;

/// <summary>Password sign-in with lockout, every attempt audited; shared by the JSON API and the HTML form.</summary>
public sealed class SignIn(SignInManager<AmaniUser> signIn, UserManager<AmaniUser> users, AuditLog audit, AmaniDbContext db)
{
    public sealed record Outcome(ProblemType? Problem, string? Detail)
    {
        public bool Succeeded => Problem is null;
    }

    public async Task<Outcome> PasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            audit.Record(AuditAction.SignInFailed, AmaniUser.AuditEntity, null, "Failed sign-in for an unknown account.");
            await db.SaveChangesAsync(cancellationToken);
            return new Outcome(ProblemType.BadCredentials, ProblemType.BadCredentials.Explanation);
        }
        var wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        var outcome = result switch
        {
            { Succeeded: true } => new Outcome(null, null),
            { IsLockedOut: true } => new Outcome(ProblemType.AccountLocked, user.LockoutEnd == DateTimeOffset.MaxValue
                ? "This account is locked. Ask an administrator to unlock it."
                : $"This account is locked after repeated failed sign-ins until {user.LockoutEnd:yyyy-MM-dd HH:mm} UTC."),
            _ => new Outcome(ProblemType.BadCredentials, ProblemType.BadCredentials.Explanation),
        };
        audit.Record(result.Succeeded ? AuditAction.SignInSucceeded : AuditAction.SignInFailed, AmaniUser.AuditEntity, user.Id,
            result.Succeeded ? $"User {user.Id} signed in." : $"Failed sign-in for user {user.Id}" + (result.IsLockedOut ? " (locked out)." : "."));
        if (result.IsLockedOut && !wasLocked)
            audit.Record(AuditAction.UserLockedOut, AmaniUser.AuditEntity, user.Id, $"User {user.Id} locked out after repeated failed sign-ins.");
        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    public async Task SignOutAsync(Guid userId, CancellationToken cancellationToken)
    {
        await signIn.SignOutAsync();
        audit.Record(AuditAction.SignedOut, AmaniUser.AuditEntity, userId, $"User {userId} signed out.");
        await db.SaveChangesAsync(cancellationToken);
    }
}
