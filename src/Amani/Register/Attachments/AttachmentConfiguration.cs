using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Register.Attachments;

/// <summary>
/// The attachments table. Its keys to the incident or report a photo belongs to are configured by those modules
/// (<c>HasMany&lt;Attachment&gt;()</c> on their records), which stand on this one.
/// </summary>
internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> attachment)
    {
        attachment.ToTable("attachments", table => table.HasCheckConstraint("ck_attachments_one_owner", "(report_id IS NULL) <> (incident_id IS NULL)"));
        attachment.HasOne<Mission>().WithMany().HasForeignKey(a => a.MissionId).OnDelete(DeleteBehavior.Restrict);
        attachment.HasIndex(a => a.ReportId);
        attachment.HasIndex(a => a.IncidentId);
        attachment.HasIndex(a => a.OriginalHash);
        attachment.HasIndex(a => a.StrippedHash);
        attachment.Property(a => a.OriginalHash).HasMaxLength(64);
        attachment.Property(a => a.StrippedHash).HasMaxLength(64);
        attachment.Property(a => a.MediaType).HasMaxLength(32);
        attachment.Property(a => a.FileName).HasMaxLength(AttachmentLimits.FileName);
    }
}
