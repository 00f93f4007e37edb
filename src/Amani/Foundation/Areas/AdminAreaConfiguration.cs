using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Foundation.Areas;

internal sealed class AdminAreaConfiguration : IEntityTypeConfiguration<AdminArea>
{
    public void Configure(EntityTypeBuilder<AdminArea> area)
    {
        area.ToTable("admin_areas");
        area.HasOne<Mission>().WithMany().HasForeignKey(a => a.MissionId).OnDelete(DeleteBehavior.Restrict);
        area.HasOne<AdminArea>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        area.HasIndex(a => new { a.MissionId, a.PCode }).IsUnique();
        area.HasIndex(a => new { a.MissionId, a.Path });
        area.Property(a => a.PCode).HasMaxLength(AreaLimits.PCode);
        area.Property(a => a.Name).HasMaxLength(AreaLimits.Name);
        area.Property(a => a.Path).HasMaxLength(2000);
        area.Property(a => a.AlternativeNames).HasMaxLength(AreaLimits.AlternativeNames);
    }
}

public static class AreaLimits
{
    public const int PCode = 64;
    public const int Name = 200;
    public const int MaxLevel = 5;
    public const int AlternativeNames = 2000;
}
