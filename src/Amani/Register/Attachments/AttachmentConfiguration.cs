using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Register.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Register.Attachments;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> attachment)
    {
        attachment.ToTable("attachments", table => table.HasCheckConstraint("ck_attachments_one_owner", "(report_id IS NULL) <> (incident_id IS NULL)"));
        attachment.HasOne<Mission>().WithMany().HasForeignKey(a => a.MissionId).OnDelete(DeleteBehavior.Restrict);
        attachment.HasOne<CommunityReport>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Restrict);
        attachment.HasOne<Incident>().WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Restrict);
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
