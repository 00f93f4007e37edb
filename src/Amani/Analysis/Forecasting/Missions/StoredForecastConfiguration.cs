using Amani.Foundation.Areas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Analysis.Forecasting.Missions;

internal sealed class StoredForecastConfiguration : IEntityTypeConfiguration<StoredForecast>
{
    public void Configure(EntityTypeBuilder<StoredForecast> forecast)
    {
        forecast.ToTable("forecasts");
        forecast.HasOne<Amani.Foundation.Missions.Mission>().WithMany().HasForeignKey(f => f.MissionId).OnDelete(DeleteBehavior.Restrict);
        forecast.HasOne<AdminArea>().WithMany().HasForeignKey(f => f.AreaId).OnDelete(DeleteBehavior.Restrict);
        // One forecast per unit, model version, cut-off and target month: generating twice stores nothing new.
        forecast.HasIndex(f => new { f.MissionId, f.UnitKind, f.UnitKey, f.ModelVersion, f.CutoffMonth, f.TargetMonth }).IsUnique()
            .HasDatabaseName("ux_forecasts_identity");
        forecast.HasIndex(f => new { f.MissionId, f.UnitKind, f.UnitKey, f.TargetMonth }).HasDatabaseName("ix_forecasts_unit_target");
        forecast.HasIndex(f => new { f.MissionId, f.ScoredAt, f.TargetMonth }).HasDatabaseName("ix_forecasts_scoring");
        forecast.HasIndex(f => f.AreaId);
        forecast.Property(f => f.UnitKind).HasMaxLength(16);
        forecast.Property(f => f.UnitKey).HasMaxLength(AreaLimits.PCode);
        forecast.Property(f => f.Model).HasMaxLength(32);
        forecast.Property(f => f.ModelVersion).HasMaxLength(64);
    }
}
