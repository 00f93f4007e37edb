using Microsoft.AspNetCore.Identity;

namespace Amani.Foundation.Users;

/// <summary>A person who signs in. Passwords, lockout and security stamps are ASP.NET Core Identity's.</summary>
public sealed class AmaniUser : IdentityUser<Guid>
{
    public AmaniUser() => Id = Guid.CreateVersion7();

    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
