using Amani.Platform.Notifications;
using Amani.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Foundation.Users;

/// <summary>
/// The notifications' rows belong to a user and go with the account (cascade): declared here, by the module that owns
/// the users' table, so that the platform's notifications name no module.
/// </summary>
internal sealed class UserKeysOfNotifications : IEntityTypeConfiguration<Notification>, IEntityTypeConfiguration<NotificationPreferences>,
    IEntityTypeConfiguration<EmailOutboxMessage>
{
    public void Configure(EntityTypeBuilder<Notification> notification) =>
        notification.HasOne<AmaniUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);

    public void Configure(EntityTypeBuilder<NotificationPreferences> preferences) =>
        preferences.HasOne<AmaniUser>().WithOne().HasForeignKey<NotificationPreferences>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);

    public void Configure(EntityTypeBuilder<EmailOutboxMessage> message) =>
        message.HasOne<AmaniUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
}
