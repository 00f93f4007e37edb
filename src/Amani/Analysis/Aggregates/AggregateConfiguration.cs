using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Analysis.Aggregates;

/// <summary>
/// The aggregate tables are derived data, rewritten in bulk by the refresher: no foreign keys (their checks cost as much
/// as the inserts), and every row is recomputable from the incidents.
/// </summary>
internal sealed class AreaMonthAggregateConfiguration : IEntityTypeConfiguration<AreaMonthAggregate>
{
    public void Configure(EntityTypeBuilder<AreaMonthAggregate> aggregate)
    {
        aggregate.ToTable("area_month_aggregates");
        aggregate.HasKey(a => new { a.AreaId, a.MonthId, a.Violence, a.Confidentiality });
        aggregate.HasIndex(a => new { a.MissionId, a.MonthId });
        aggregate.Property(a => a.MonthId).ValueGeneratedNever();
        aggregate.Property(a => a.Violence).HasMaxLength(16);
        aggregate.Property(a => a.Confidentiality).HasMaxLength(24);
    }
}

internal sealed class CellMonthAggregateConfiguration : IEntityTypeConfiguration<CellMonthAggregate>
{
    public void Configure(EntityTypeBuilder<CellMonthAggregate> aggregate)
    {
        aggregate.ToTable("cell_month_aggregates");
        aggregate.HasKey(a => new { a.MissionId, a.MonthId, a.Cell, a.Violence, a.Confidentiality });
        aggregate.Property(a => a.Cell).ValueGeneratedNever();
        aggregate.Property(a => a.MonthId).ValueGeneratedNever();
        aggregate.Property(a => a.Violence).HasMaxLength(16);
        aggregate.Property(a => a.Confidentiality).HasMaxLength(24);
    }
}

internal sealed class AggregateDirtySliceConfiguration : IEntityTypeConfiguration<AggregateDirtySlice>
{
    public void Configure(EntityTypeBuilder<AggregateDirtySlice> slice)
    {
        slice.ToTable("aggregate_dirty_slices").IsBookkeeping(); // derived-data markers, written with an (audited) incident change
        slice.HasIndex(s => s.MissionId);
    }
}

internal sealed class AggregateStateConfiguration : IEntityTypeConfiguration<AggregateState>
{
    public void Configure(EntityTypeBuilder<AggregateState> state)
    {
        state.ToTable("aggregate_states");
        state.HasKey(s => s.MissionId);
        state.HasOne<Mission>().WithMany().HasForeignKey(s => s.MissionId).OnDelete(DeleteBehavior.Restrict);
    }
}
