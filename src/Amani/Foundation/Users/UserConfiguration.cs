using Amani.Platform.Data;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Foundation.Users;

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
    public const int DisplayName = AmaniUser.DisplayNameLength;
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;
}
