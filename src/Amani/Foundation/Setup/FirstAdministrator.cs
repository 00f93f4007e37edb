using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Tokens;
using Amani.Foundation.Users;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Setup;

/// <summary>
/// How a fresh installation gets its first administrator without any default password: either
/// <c>./amani users create-admin</c>, or the one-time set-up token that <c>serve</c> prints when no user exists,
/// redeemed once at <c>POST /api/v1/setup</c>.
/// </summary>
public sealed class FirstAdministrator(AmaniDbContext db, UserAdministration administration, AuditLog audit, TimeProvider clock)
{
    public const string SecretPrefix = "amani_setup_";
    public static readonly TimeSpan SetupTokenLifetime = TimeSpan.FromHours(24);

    /// <summary>Issues a set-up token if no user exists yet; returns the secret to print, or null.</summary>
    public async Task<string?> IssueSetupTokenIfNeededAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
            return null;
        var secret = TokenSecret.New(SecretPrefix);
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new SetupToken { SecretHash = TokenSecret.Hash(secret), CreatedAt = now, ExpiresAt = now + SetupTokenLifetime };
        db.SetupTokens.Add(token);
        audit.Record(AuditAction.SetupTokenIssued, SetupToken.AuditEntity, token.Id, $"One-time set-up token issued, valid until {token.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>Creates a platform-wide administrator (used by the CLI and by set-up).</summary>
    public async Task<Result<UserAdministration.Created>> CreateAdministratorAsync(string email, string password, CancellationToken cancellationToken)
    {
        var created = await administration.CreateAsync(email, null, password, cancellationToken);
        if (!created.Succeeded)
            return created;
        var granted = await administration.GrantAsync(created.Value!.User, new GrantRoleRequest(Role.Administrator, null, null, null), cancellationToken);
        return granted.Succeeded ? created : Result<UserAdministration.Created>.Invalid(granted.Field!, granted.Error!);
    }

    public enum RedeemFailure { None, InvalidToken, AlreadySetUp }

    public async Task<(RedeemFailure Failure, Result<UserAdministration.Created>? Created)> RedeemAsync(string secret, string email, string password,
        CancellationToken cancellationToken)
    {
        await using var transaction = await DatabaseLocks.BeginExclusiveAsync(db, DatabaseLocks.FirstStart, cancellationToken);
        var hash = TokenSecret.Hash(secret.Trim());
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await db.SetupTokens.FirstOrDefaultAsync(t => t.SecretHash == hash && t.UsedAt == null && t.ExpiresAt > now, cancellationToken);
        if (token is null)
            return (RedeemFailure.InvalidToken, null);
        if (await db.Users.AnyAsync(cancellationToken))
            return (RedeemFailure.AlreadySetUp, null);
        var created = await CreateAdministratorAsync(email, password, cancellationToken);
        if (!created.Succeeded)
            return (RedeemFailure.None, created);
        token.UsedAt = now;
        audit.Record(AuditAction.SetupCompleted, SetupToken.AuditEntity, token.Id, $"Set-up completed: first administrator {created.Value!.User.Id} created.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (RedeemFailure.None, created);
    }
}
