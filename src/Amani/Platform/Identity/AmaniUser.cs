using Amani.Platform.Audit;
using Microsoft.AspNetCore.Identity;

namespace Amani.Platform.Identity;

/// <summary>
/// A person who signs in: the row of the identity store. Passwords, lockout and security stamps are ASP.NET Core
/// Identity's. It lives in the platform because the one database context (<c>AmaniDbContext</c>) is Identity's user
/// context over it; creating, changing and listing users is the Users module's (<c>Foundation/Users</c>).
/// </summary>
public sealed class AmaniUser : IdentityUser<Guid>
{
    /// <summary>The longest display name the <c>users</c> table holds.</summary>
    public const int DisplayNameLength = 200;

    /// <summary>What audit rows about these records name (<c>user</c>).</summary>
    public static AuditEntity AuditEntity => AuditEntity.User;

    public AmaniUser() => Id = Guid.CreateVersion7();

    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
