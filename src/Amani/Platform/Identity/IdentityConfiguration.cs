using Amani.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Platform.Identity;

/// <summary>
/// The identity store's tables (<c>users</c>, <c>user_claims</c>, <c>user_logins</c>, <c>user_tokens</c>), next to
/// their row: the context derives from Identity's user context, so these tables are the platform's whichever modules
/// are registered.
/// </summary>
internal sealed class UserConfiguration : IEntityTypeConfiguration<AmaniUser>
{
    public void Configure(EntityTypeBuilder<AmaniUser> user)
    {
        user.ToTable("users");
        user.Property(u => u.DisplayName).HasMaxLength(AmaniUser.DisplayNameLength);
        // Lockout counters and stamps change at every sign-in attempt; failed sign-ins are audited separately.
        user.Property(u => u.AccessFailedCount).IsBookkeeping();
        user.Property(u => u.LockoutEnd).IsBookkeeping();
        user.Property(u => u.SecurityStamp).IsBookkeeping();
        user.Property(u => u.ConcurrencyStamp).IsBookkeeping();
    }
}

internal sealed class UserClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> claim) => claim.ToTable("user_claims");
}

internal sealed class UserLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> login) => login.ToTable("user_logins");
}

internal sealed class UserTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> token) => token.ToTable("user_tokens");
}
