using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Analysis.Alerts;

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> rule)
    {
        rule.ToTable("alert_rules");
        rule.HasOne<Mission>().WithMany().HasForeignKey(r => r.MissionId).OnDelete(DeleteBehavior.Restrict);
        rule.HasOne<AdminArea>().WithMany().HasForeignKey(r => r.AreaId).OnDelete(DeleteBehavior.Restrict);
        rule.HasIndex(r => new { r.MissionId, r.ArchivedAt });
        rule.Property(r => r.Version).IsConcurrencyToken();
        rule.Ignore(r => r.CategoryList);
        rule.Property(r => r.Name).HasMaxLength(AlertLimits.Name);
        rule.Property(r => r.Categories).HasMaxLength(2000);
        rule.Property(r => r.LastEvaluation).HasMaxLength(AlertLimits.Text);
        foreach (var name in new[] { nameof(AlertRule.Kind), nameof(AlertRule.Severity), nameof(AlertRule.ForecastOutcome), nameof(AlertRule.OwnerRole) })
            rule.Property(name).HasMaxLength(24);
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> alert)
    {
        alert.ToTable("alerts");
        alert.HasOne<Mission>().WithMany().HasForeignKey(a => a.MissionId).OnDelete(DeleteBehavior.Restrict);
        alert.HasOne<AlertRule>().WithMany().HasForeignKey(a => a.RuleId).OnDelete(DeleteBehavior.Restrict);
        alert.HasOne<AdminArea>().WithMany().HasForeignKey(a => a.AreaId).OnDelete(DeleteBehavior.Restrict);
        // Unique while set: one open alert per rule and area, across every node (NULLs — closed alerts — never collide).
        alert.HasIndex(a => a.OpenKey).IsUnique();
        alert.HasIndex(a => new { a.MissionId, a.RaisedAt, a.Id });
        alert.HasIndex(a => new { a.Status, a.DeadlineAt });
        alert.HasIndex(a => a.RuleId);
        alert.Property(a => a.Version).IsConcurrencyToken();
        alert.Property(a => a.OpenKey).HasMaxLength(80);
        alert.Property(a => a.Headline).HasMaxLength(300);
        alert.Property(a => a.Explanation).HasMaxLength(AlertLimits.Text);
        alert.Property(a => a.EvidenceFingerprint).HasMaxLength(64);
        alert.Property(a => a.Outcome).HasMaxLength(AlertLimits.Text);
        foreach (var name in new[] { nameof(Alert.Kind), nameof(Alert.Severity), nameof(Alert.Status), nameof(Alert.OwnerRole) })
            alert.Property(name).HasMaxLength(24);
    }
}

internal sealed class AlertEventConfiguration : IEntityTypeConfiguration<AlertEvent>
{
    public void Configure(EntityTypeBuilder<AlertEvent> entry)
    {
        entry.ToTable("alert_events");
        entry.HasOne<Alert>().WithMany().HasForeignKey(e => e.AlertId).OnDelete(DeleteBehavior.Cascade);
        entry.HasIndex(e => new { e.AlertId, e.RecordedAt });
        entry.IsHistory<AlertEvent, AlertStatus>(AlertLimits.Text);
        entry.Property(e => e.Kind).HasMaxLength(HistoryEntryConfiguration.StatusLength);
    }
}

internal sealed class AlertNotificationConfiguration : IEntityTypeConfiguration<AlertNotification>
{
    public void Configure(EntityTypeBuilder<AlertNotification> notification)
    {
        notification.ToTable("alert_notifications");
        notification.HasOne<Alert>().WithMany().HasForeignKey(n => n.AlertId).OnDelete(DeleteBehavior.Cascade);
        notification.HasIndex(n => n.AlertId);
        notification.HasIndex(n => new { n.UserId, n.CreatedAt });
        notification.Property(n => n.Reason).HasMaxLength(24);
    }
}

internal sealed class MissionAlertDeadlinesConfiguration : IEntityTypeConfiguration<MissionAlertDeadlines>
{
    public void Configure(EntityTypeBuilder<MissionAlertDeadlines> deadlines)
    {
        deadlines.ToTable("mission_alert_deadlines");
        deadlines.HasKey(d => d.MissionId);
        deadlines.Property(d => d.MissionId).ValueGeneratedNever();
        deadlines.HasOne<Mission>().WithOne().HasForeignKey<MissionAlertDeadlines>(d => d.MissionId).OnDelete(DeleteBehavior.Restrict);
    }
}
