using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Users;
using Amani.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Tokens;

/// <summary>Creates and revokes personal access tokens; used by the API and the CLI alike.</summary>
public sealed class TokenIssuer(AmaniDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string SecretPrefix = "amani_pat_";

    public sealed record Issued(AccessToken Token, string Secret);

    /// <summary>
    /// Issues a token for <paramref name="user"/> with the given scopes. Fails (as a value) when a scope is unknown or
    /// not granted by any of the user's roles, or the lifetime is out of range.
    /// </summary>
    /// <summary>
    /// The scope that asks for every permission the user's roles grant (for automation): expanded when the token is
    /// made, and still limited by those roles' missions and areas, like any token.
    /// </summary>
    public const string AllScopes = "all";

    public async Task<Result<Issued>> IssueAsync(AmaniUser user, string name, IReadOnlyCollection<string> scopes, int lifetimeDays,
        CancellationToken cancellationToken)
    {
        if (scopes.Count == 0)
            return Result<Issued>.Invalid("scopes", $"Give at least one scope. Known scopes: {string.Join(", ", PermissionNames.All)}.");
        var roles = await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == user.Id).Select(a => a.Role).ToListAsync(cancellationToken);
        var granted = roles.SelectMany(RolePermissions.Of).Select(p => p.Name()).ToHashSet();
        if (scopes.Contains(AllScopes))
        {
            if (scopes.Count > 1)
                return Result<Issued>.Invalid("scopes", $"'{AllScopes}' stands alone: it means every permission the user's roles grant.");
            if (granted.Count == 0)
                return Result<Issued>.Invalid("scopes", "The user holds no role, so a token could carry no permission.");
            scopes = granted; // expanded now: a role granted later does not widen the token
        }
        if (scopes.FirstOrDefault(s => !PermissionNames.TryParse(s, out _)) is { } unknown)
            return Result<Issued>.Invalid("scopes", $"'{unknown}' is not a scope. Known scopes: {string.Join(", ", PermissionNames.All)}.");
        if (lifetimeDays is < 1 or > TokenLimits.MaxLifetimeDays)
            return Result<Issued>.Invalid("expiresInDays", $"A token lives from 1 to {TokenLimits.MaxLifetimeDays} days.");

        if (scopes.FirstOrDefault(s => !granted.Contains(s)) is { } beyond)
            return Result<Issued>.Invalid("scopes", $"None of your roles grants '{beyond}', so a token cannot carry it.");

        var now = clock.GetUtcNow().UtcDateTime;
        var secret = TokenSecret.New(SecretPrefix);
        var token = new AccessToken
        {
            UserId = user.Id,
            Name = name,
            Prefix = secret[..(SecretPrefix.Length + 4)],
            SecretHash = TokenSecret.Hash(secret),
            Scopes = string.Join(' ', scopes.Distinct().Order(StringComparer.Ordinal)),
            CreatedAt = now,
            ExpiresAt = now.AddDays(lifetimeDays),
        };
        db.AccessTokens.Add(token);
        audit.Record(AuditAction.TokenCreated, AccessToken.AuditEntity, token.Id,
            $"Token '{name}' ({token.Prefix}…) created for user {user.Id} with scopes {token.Scopes}, expiring {token.ExpiresAt:yyyy-MM-dd}.");
        await db.SaveChangesAsync(cancellationToken);
        return Result<Issued>.Ok(new Issued(token, secret));
    }

    /// <summary>Revokes a token; false when there is no such token (or it belongs to someone else and <paramref name="ownerId"/> is given).</summary>
    public async Task<bool> RevokeAsync(Guid tokenId, Guid? ownerId, CancellationToken cancellationToken)
    {
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && (ownerId == null || t.UserId == ownerId), cancellationToken);
        if (token is null)
            return false;
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record(AuditAction.TokenRevoked, AccessToken.AuditEntity, token.Id, $"Token '{token.Name}' ({token.Prefix}…) revoked.");
            await db.SaveChangesAsync(cancellationToken);
        }
        return true;
    }
}
