using Amani.Register.Attachments;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Register.Reporting;

internal sealed class CommunityReportConfiguration : IEntityTypeConfiguration<CommunityReport>
{
    public void Configure(EntityTypeBuilder<CommunityReport> report)
    {
        report.ToTable("community_reports");
        report.HasOne<Mission>().WithMany().HasForeignKey(r => r.MissionId).OnDelete(DeleteBehavior.Restrict);
        report.HasOne<Incident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Restrict);
        report.HasMany<Attachment>().WithOne().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Restrict);
        report.Property(r => r.Version).IsConcurrencyToken();
        report.HasIndex(r => r.TrackingCode).IsUnique();
        report.HasIndex(r => r.IdempotencyKeyHash).IsUnique();
        report.HasIndex(r => new { r.MissionId, r.Status, r.ReceivedAt });
        report.Property(r => r.TrackingCode).HasMaxLength(TrackingCode.Length);
        report.Property(r => r.IdempotencyKeyHash).HasMaxLength(64);
        report.Property(r => r.RequestFingerprint).HasMaxLength(64);
        report.Property(r => r.Channel).HasMaxLength(16);
        report.Property(r => r.Status).HasMaxLength(16);
        report.Property(r => r.PlaceName).HasMaxLength(ReportLimits.PlaceName);
        report.Property(r => r.Language).HasMaxLength(16);
    }
}

internal sealed class ReportMessageConfiguration : IEntityTypeConfiguration<ReportMessage>
{
    public void Configure(EntityTypeBuilder<ReportMessage> message)
    {
        message.ToTable("report_messages");
        message.HasOne<CommunityReport>().WithMany().HasForeignKey(m => m.ReportId).OnDelete(DeleteBehavior.Cascade);
        message.HasIndex(m => new { m.ReportId, m.At });
        message.Property(m => m.Direction).HasMaxLength(16);
    }
}

public static class ReportLimits
{
    public const int Description = 5000;
    public const int Message = 2000;
    public const int PlaceName = 200;
    public const int Phone = 32;
    public const int Email = 256;
    public const int IdempotencyKey = 128;
}

internal sealed class ReportStatusChangeConfiguration : IEntityTypeConfiguration<ReportStatusChange>
{
    public void Configure(EntityTypeBuilder<ReportStatusChange> change)
    {
        change.ToTable("report_status_changes");
        change.HasOne<CommunityReport>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        change.HasIndex(c => new { c.ReportId, c.At });
        change.IsHistory<ReportStatusChange, ReportStatus>(HistoryTextLength);
    }

    /// <summary>What a report's history entry says: a move or an assignment, in a sentence.</summary>
    public const int HistoryTextLength = 500;
}
