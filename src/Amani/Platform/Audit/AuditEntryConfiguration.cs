using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Platform.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        entry.HasKey(e => e.Sequence);
        entry.Property(e => e.Sequence).ValueGeneratedNever();
        entry.Property(e => e.Actor).HasMaxLength(200);
        entry.Property(e => e.EntityType).HasMaxLength(64);
        entry.Property(e => e.EntityId).HasMaxLength(200);
        entry.Property(e => e.RequestId).HasMaxLength(100);
        entry.Property(e => e.PreviousHash).HasMaxLength(64);
        entry.Property(e => e.Hash).HasMaxLength(64);
        entry.Property(e => e.HashScheme).HasMaxLength(16);
        entry.Property(e => e.KeyId).HasMaxLength(16);
        entry.HasIndex(e => new { e.EntityType, e.EntityId });
    }
}
