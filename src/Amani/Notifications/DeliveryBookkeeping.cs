using Amani.Reporting.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Amani.Notifications;

/// <summary>
/// The changes of notification delivery that are bookkeeping, not state changes of the product, and so need no audit
/// row (<see cref="Data.UnauditedChanges"/> asks here): a notification read or taken into a digest, and the e-mail and
/// SMS outbox rows of notifications — their tries, leases and outcomes, and the digests gathered from notifications
/// whose creation was audited with the change that caused them.
/// </summary>
public static class DeliveryBookkeeping
{
    private static readonly HashSet<string> NotificationColumns =
        [nameof(Notification.ReadAt), nameof(Notification.EmailDigestAt), nameof(Notification.SmsDigestAt)];

    public static bool Covers(EntityEntry entry) => entry.Entity switch
    {
        Notification when entry.State == EntityState.Modified => Changed(entry).All(NotificationColumns.Contains),
        EmailOutboxMessage => entry.State is EntityState.Added or EntityState.Modified,
        SmsOutboxMessage { UserId: not null } => entry.State is EntityState.Added or EntityState.Modified,
        _ => false,
    };

    private static IEnumerable<string> Changed(EntityEntry entry) =>
        entry.Properties.Where(p => p.IsModified && !Equals(p.CurrentValue, p.OriginalValue)).Select(p => p.Metadata.Name);
}
