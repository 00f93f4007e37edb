using Amani.Platform.Data;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Foundation.Users;

internal sealed class UserConfiguration : IEntityTypeConfiguration<AmaniUser>
{
    public void Configure(EntityTypeBuilder<AmaniUser> user)
    {
        user.ToTable("users");
        user.Property(u => u.DisplayName).HasMaxLength(UserLimits.DisplayName);
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

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> assignment)
    {
        assignment.ToTable("role_assignments");
        assignment.HasOne<AmaniUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne<Mission>().WithMany().HasForeignKey(a => a.MissionId).OnDelete(DeleteBehavior.Restrict);
        assignment.HasOne<AdminArea>().WithMany().HasForeignKey(a => a.AreaId).OnDelete(DeleteBehavior.Restrict);
        assignment.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        assignment.Property(a => a.Role).HasMaxLength(32);
    }
}

public static class UserLimits
{
    public const int Email = 256;
    public const int DisplayName = 200;
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;
}
