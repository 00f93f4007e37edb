using System.Security.Cryptography;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Records;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Foundation.Users.Passwords;
using Amani.Platform.Identity;

namespace Amani.Foundation.Users;

/// <summary>Creating users and granting roles; shared by the API, the CLI, set-up and the demo.</summary>
public sealed class UserAdministration(AmaniDbContext db, UserManager<AmaniUser> users, AuditLog audit, TimeProvider clock)
{
    public sealed record Created(AmaniUser User, string? GeneratedPassword);

    /// <summary>Creates a user; when no password is given a strong one is generated and returned once.</summary>
    public async Task<Result<Created>> CreateAsync(string email, string? displayName, string? password, CancellationToken cancellationToken)
    {
        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
            return Result<Created>.Invalid("email", $"A user with the e-mail {email} already exists.");
        var generated = password is null ? GeneratePasswordFor(email, displayName) : null;
        var user = new AmaniUser
        {
            UserName = email, Email = email, DisplayName = displayName?.Trim() is { Length: > 0 } name ? name : email,
            CreatedAt = clock.GetUtcNow().UtcDateTime, LockoutEnabled = true,
        };
        // Identity saves the user itself; the audit row queued first is sealed into that same save and transaction.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        audit.Record(AuditAction.UserCreated, AmaniUser.AuditEntity, user.Id, $"User {user.Id} created.");
        var result = await users.CreateAsync(user, password ?? generated!);
        if (!result.Succeeded)
        {
            db.DiscardChanges();
            return Result<Created>.Invalid(result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "email",
                string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        return Result<Created>.Ok(new Created(user, generated));
    }

    public async Task<Result<RoleAssignment>> GrantAsync(AmaniUser user, GrantRoleRequest request, CancellationToken cancellationToken)
    {
        var role = request.Role!.Value;
        Guid? missionId = null, areaId = null;
        if (!string.IsNullOrWhiteSpace(request.MissionCode))
        {
            var code = request.MissionCode.Trim().ToUpperInvariant();
            missionId = await db.Missions.Where(m => m.Code == code).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
            if (missionId is null)
                return Result<RoleAssignment>.Invalid("missionCode", $"There is no mission {code}.");
        }
        if (!string.IsNullOrWhiteSpace(request.AreaPCode))
        {
            if (missionId is null)
                return Result<RoleAssignment>.Invalid("areaPCode", "An area scope needs the mission too.");
            areaId = await db.AdminAreas.Where(a => a.MissionId == missionId && a.PCode == request.AreaPCode.Trim())
                .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
            if (areaId is null)
                return Result<RoleAssignment>.Invalid("areaPCode", $"There is no area {request.AreaPCode} in {request.MissionCode}.");
        }
        if (request.OrganizationId is { } organizationId && !await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
            return Result<RoleAssignment>.Invalid("organizationId", $"There is no organisation {organizationId}.");
        if (role.ForOrganization && request.OrganizationId is null)
            return Result<RoleAssignment>.Invalid("organizationId", $"The {role.Name} role is held for an organisation; give organizationId.");

        var assignment = new RoleAssignment
        {
            UserId = user.Id, Role = role, MissionId = missionId, AreaId = areaId, OrganizationId = request.OrganizationId,
            GrantedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.RoleAssignments.Add(assignment);
        var scope = missionId is null ? "all missions" : $"mission {request.MissionCode!.Trim().ToUpperInvariant()}"
            + (areaId is null ? "" : $", area {request.AreaPCode!.Trim()}");
        audit.Record(AuditAction.RoleGranted, RoleAssignment.AuditEntity, assignment.Id,
            $"Role {role} granted to user {user.Id} for {scope}" + (request.OrganizationId is null ? "." : $", organisation {request.OrganizationId}."));
        await db.SaveChangesAsync(cancellationToken);
        return Result<RoleAssignment>.Ok(assignment);
    }

    public const string LastAdministrator =
        "This is the last administrator for every mission, on an account that can sign in: grant the role to someone else first, so that somebody can still run the platform.";

    /// <summary>Revokes a role; null when done. The last administrator for every mission keeps theirs (409).</summary>
    public async Task<Refusal?> RevokeAsync(Guid userId, Guid assignmentId, CancellationToken cancellationToken)
    {
        var assignment = await db.RoleAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId && a.UserId == userId, cancellationToken);
        if (assignment is null)
            return Refusal.NotFound($"The role assignment {assignmentId} of user {userId} was not found.");
        if (assignment.Role == Role.Administrator && assignment.MissionId is null && !await OtherAdministratorAsync(userId, cancellationToken))
            return Refusal.Conflict(LastAdministrator);
        db.RoleAssignments.Remove(assignment);
        audit.Record(AuditAction.RoleRevoked, RoleAssignment.AuditEntity, assignment.Id, $"Role {assignment.Role} revoked from user {userId}.");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Whether someone other than <paramref name="userId"/> is an administrator for every mission on an account that is not locked.</summary>
    private async Task<bool> OtherAdministratorAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var administrators = db.RoleAssignments.Where(a => a.Role == Role.Administrator && a.MissionId == null && a.UserId != userId).Select(a => a.UserId);
        var unlocked = await db.Users.Where(u => administrators.Contains(u.Id)).Select(u => u.LockoutEnd).ToListAsync(cancellationToken);
        return unlocked.Any(end => end is null || end <= now);
    }

    public const string CannotLockYourself = "You cannot lock your own account.";

    /// <summary>
    /// An administrator may lock anyone but themselves (so that one administrator at least stays able to sign in — the
    /// last administrator cannot lock themselves, and cannot revoke their own role either: <see cref="RevokeAsync"/>).
    /// </summary>
    public static bool MayLock(Guid userId, Guid? callerId) => userId != callerId;

    /// <summary>Locks (indefinitely) or unlocks a user's account.</summary>
    public async Task SetLockedAsync(AmaniUser user, bool locked, CancellationToken cancellationToken)
    {
        user.LockoutEnd = locked ? DateTimeOffset.MaxValue : null;
        if (!locked)
            user.AccessFailedCount = 0;
        audit.Record(locked ? AuditAction.UserLockedOut : AuditAction.UserUnlocked, AmaniUser.AuditEntity, user.Id,
            locked ? $"User {user.Id} locked by an administrator." : $"User {user.Id} unlocked.");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A generated password that <see cref="PasswordRules"/> accepts for the account named by <paramref name="email"/>
    /// and <paramref name="displayName"/> (a random one holds a short name, such as "demo", about once in 30,000 draws).
    /// </summary>
    public static string GeneratePasswordFor(string email, string? displayName)
    {
        var password = GeneratePassword();
        while (PasswordRules.Check(password, email, displayName) is not null)
            password = GeneratePassword();
        return password;
    }

    /// <summary>A 20-character password from an alphabet without look-alike characters (~115 bits).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(chars);
    }
}
