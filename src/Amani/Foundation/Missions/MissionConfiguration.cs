using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Foundation.Missions;

internal sealed class MissionConfiguration : IEntityTypeConfiguration<Mission>
{
    public void Configure(EntityTypeBuilder<Mission> mission)
    {
        mission.ToTable("missions");
        mission.HasIndex(m => m.Code).IsUnique();
        mission.Property(m => m.Code).HasMaxLength(MissionLimits.Code);
        mission.Property(m => m.Name).HasMaxLength(MissionLimits.Name);
        mission.Property(m => m.CountryIso3).HasMaxLength(3);
        mission.Property(m => m.TimeZone).HasMaxLength(MissionLimits.TimeZone);
    }
}

public static class MissionLimits
{
    public const int Code = 32;
    public const int Name = 200;
    public const int TimeZone = 64;
}
