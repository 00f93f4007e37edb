using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Platform.FollowUps;

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> followUp)
    {
        followUp.ToTable("follow_ups");
        followUp.HasIndex(f => new { f.MissionId, f.DueAt, f.Id });
        followUp.HasIndex(f => new { f.OwnerUserId, f.Status });
        followUp.HasIndex(f => new { f.RecordId, f.Module });
        followUp.HasIndex(f => new { f.Status, f.RemindAt });
        followUp.HasIndex(f => new { f.Status, f.NextEscalationAt });
        followUp.Property(f => f.Version).IsConcurrencyToken();
        followUp.Property(f => f.Module).HasMaxLength(FollowUpLimits.Module);
        followUp.Property(f => f.RecordType).HasMaxLength(FollowUpLimits.RecordType);
        followUp.Property(f => f.Title).HasMaxLength(FollowUpLimits.Title);
        followUp.Property(f => f.Details).HasMaxLength(FollowUpLimits.Text);
        followUp.Property(f => f.OwnerExternal).HasMaxLength(FollowUpLimits.External);
        followUp.Property(f => f.CreatedBy).HasMaxLength(200);
        foreach (var name in new[] { nameof(FollowUp.Status), nameof(FollowUp.OwnerKind), nameof(FollowUp.OwnerRole), nameof(FollowUp.EscalateToRole) })
            followUp.Property(name).HasMaxLength(24);
    }
}

internal sealed class FollowUpEventConfiguration : IEntityTypeConfiguration<FollowUpEvent>
{
    public void Configure(EntityTypeBuilder<FollowUpEvent> entry)
    {
        entry.ToTable("follow_up_events");
        entry.HasOne<FollowUp>().WithMany().HasForeignKey(e => e.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        entry.HasIndex(e => new { e.FollowUpId, e.At });
        entry.IsHistory<FollowUpEvent, FollowUpStatus>(FollowUpLimits.Text);
        entry.Property(e => e.Kind).HasMaxLength(HistoryEntryConfiguration.StatusLength);
    }
}

internal sealed class FollowUpEvidenceConfiguration : IEntityTypeConfiguration<FollowUpEvidence>
{
    public void Configure(EntityTypeBuilder<FollowUpEvidence> evidence)
    {
        evidence.ToTable("follow_up_evidence");
        evidence.HasOne<FollowUp>().WithMany().HasForeignKey(e => e.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        evidence.HasIndex(e => new { e.FollowUpId, e.AddedAt });
        evidence.Property(e => e.Kind).HasMaxLength(24);
        evidence.Property(e => e.Note).HasMaxLength(FollowUpLimits.Text);
        evidence.Property(e => e.RecordType).HasMaxLength(FollowUpLimits.RecordType);
        evidence.Property(e => e.FileName).HasMaxLength(FollowUpLimits.FileName);
        evidence.Property(e => e.ContentType).HasMaxLength(100);
        evidence.Property(e => e.AddedBy).HasMaxLength(200);
    }
}
