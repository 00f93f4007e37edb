using Amani.Platform.Audit;
using Microsoft.AspNetCore.Identity;

namespace Amani.Foundation.Users;

/// <summary>A person who signs in. Passwords, lockout and security stamps are ASP.NET Core Identity's.</summary>
public sealed class AmaniUser : IdentityUser<Guid>
{
    /// <summary>What audit rows about these records name (<c>user</c>).</summary>
    public static AuditEntity AuditEntity => AuditEntity.User;

    public AmaniUser() => Id = Guid.CreateVersion7();

    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
