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

    /// <summary>
    /// The most positions one area's boundary may have (all its rings). The demo's densest boundary, the country outline
    /// of the Central African Republic, has 28,913; its prefectures at most 9,628, its sub-prefectures at most 4,361. A
    /// boundary above this is refused with a request to simplify it: the finer detail is invisible on the maps and would
    /// be read and simplified on every change (security finding 8).
    /// </summary>
    public const int MaxVerticesPerArea = 200_000;

    /// <summary>The most positions one boundary file may have in all (the demo's densest file, 72 sub-prefectures, has 100,268).</summary>
    public const int MaxVerticesPerImport = 2_000_000;

    /// <summary>A count as messages write it (200,000), whatever the reader's language.</summary>
    internal static string Count(long count) => count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
