using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Users;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Amani.Foundation.Accounts;

/// <summary>
/// A signed-in user changes their own password (API and web page alike): audited in the same transaction, the
/// session refreshed so it stays valid. Returns null on success, else the field at fault and why.
/// </summary>
public sealed class PasswordChange(UserManager<AmaniUser> users, SignInManager<AmaniUser> signIn, AuditLog audit, AmaniDbContext db,
    IHttpContextAccessor http)
{
    public sealed record Failure(string Field, string Message, bool WrongCurrentPassword);

    public async Task<Failure?> ChangeAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = (await users.FindByIdAsync(userId.ToString()))!;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        audit.Record(AuditAction.UserPasswordChanged, AmaniUser.AuditEntity, user.Id, $"User {user.Id} changed their password.");
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            db.DiscardChanges();
            var wrong = result.Errors.Any(e => e.Code == "PasswordMismatch");
            return new Failure(wrong ? "currentPassword" : "newPassword",
                wrong ? "The current password is wrong." : string.Join(" ", result.Errors.Select(e => e.Description)), wrong);
        }
        await transaction.CommitAsync(cancellationToken);
        // The new security stamp ends the other sessions; this one is signed in again with the same server-side session.
        var session = http.HttpContext?.User.FindFirst(UserSessions.Claim);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, session is null ? [] : [new System.Security.Claims.Claim(session.Type, session.Value)]);
        return null;
    }
}
