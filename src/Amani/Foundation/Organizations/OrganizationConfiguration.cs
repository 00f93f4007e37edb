using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Foundation.Organizations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> organization)
    {
        organization.ToTable("organizations");
        organization.HasIndex(o => o.Name).IsUnique();
        organization.HasOne<Organization>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        organization.Property(o => o.Name).HasMaxLength(OrganizationLimits.Name);
        organization.Property(o => o.Acronym).HasMaxLength(OrganizationLimits.Acronym);
        organization.Property(o => o.Kind).HasMaxLength(32);
    }
}

public static class OrganizationLimits
{
    public const int Name = 200;
    public const int Acronym = 32;
}
