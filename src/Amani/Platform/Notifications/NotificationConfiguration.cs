using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Platform.Notifications;

// The foreign keys to the users' table are declared by the Users module (UserKeysOfNotifications), which owns that table.

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable("notifications");
        // Delivery bookkeeping, not state changes: read, or taken into a digest (the notification itself is written
        // with the audited change that caused it).
        notification.Property(n => n.ReadAt).IsBookkeeping();
        notification.Property(n => n.EmailDigestAt).IsBookkeeping();
        notification.Property(n => n.SmsDigestAt).IsBookkeeping();
        notification.HasIndex(n => new { n.UserId, n.CreatedAt });
        notification.HasIndex(n => new { n.UserId, n.ReadAt });
        notification.HasIndex(n => n.EmailDigestAt);
        notification.HasIndex(n => n.SmsDigestAt);
        notification.Property(n => n.Kind).HasMaxLength(NotificationLimits.Kind);
        notification.Property(n => n.Subject).HasMaxLength(NotificationLimits.Subject);
        notification.Property(n => n.Body).HasMaxLength(NotificationLimits.Body);
        notification.Property(n => n.Link).HasMaxLength(NotificationLimits.Link);
        notification.Property(n => n.Language).HasMaxLength(8);
    }
}

internal sealed class NotificationPreferencesConfiguration : IEntityTypeConfiguration<NotificationPreferences>
{
    public void Configure(EntityTypeBuilder<NotificationPreferences> preferences)
    {
        preferences.ToTable("notification_preferences");
        preferences.HasKey(p => p.UserId);
        preferences.Property(p => p.UserId).ValueGeneratedNever();
        preferences.Property(p => p.Email).HasMaxLength(16);
        preferences.Property(p => p.Sms).HasMaxLength(16);
        preferences.Property(p => p.Language).HasMaxLength(8);
        preferences.Property(p => p.PhoneProtected).HasMaxLength(1000);
    }
}

internal sealed class EmailOutboxMessageConfiguration : IEntityTypeConfiguration<EmailOutboxMessage>
{
    public void Configure(EntityTypeBuilder<EmailOutboxMessage> message)
    {
        message.ToTable("email_outbox")
            .IsBookkeepingWhen(entry => entry.State is EntityState.Added or EntityState.Modified); // tries, leases, outcomes of notifications
        message.HasOne<Notification>().WithMany().HasForeignKey(m => m.NotificationId).OnDelete(DeleteBehavior.Cascade);
        message.HasIndex(m => new { m.Status, m.NextAttemptAt });
        message.Property(m => m.Subject).HasMaxLength(NotificationLimits.Subject);
        message.Property(m => m.Body).HasMaxLength(50_000);
        message.Property(m => m.Status).HasMaxLength(16);
        message.Property(m => m.LastError).HasMaxLength(200);
        message.Property(m => m.MessageId).HasMaxLength(200);
    }
}
