using Amani.DataProtection;
using Amani.Tokens;
using Amani.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Amani.Data;

/// <summary>
/// Enforces "every state change writes an audit row": a save that changes data without queuing an audit row is a bug
/// and throws. The only exceptions are bookkeeping that is not a state change of the product: Data Protection key
/// ring entries, a user's lockout counters and security stamps (failed sign-ins are audited separately), a
/// token's last-used time, and notification delivery (<see cref="Notifications.DeliveryBookkeeping"/>).
/// </summary>
public static class UnauditedChanges
{
    private static readonly HashSet<string> UserBookkeeping =
    [
        nameof(AmaniUser.AccessFailedCount), nameof(AmaniUser.LockoutEnd), nameof(AmaniUser.SecurityStamp),
        nameof(AmaniUser.ConcurrencyStamp),
    ];

    public static void ThrowIfAny(ChangeTracker tracker)
    {
        var unaudited = tracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .FirstOrDefault(e => !IsBookkeeping(e));
        if (unaudited is not null)
            throw new InvalidOperationException(
                $"A change to {unaudited.Metadata.ClrType.Name} ({unaudited.State}: " +
                string.Join(", ", unaudited.State == EntityState.Modified ? Changed(unaudited) : unaudited.Properties.Select(p => p.Metadata.Name)) +
                ") was saved without an audit row. " +
                "Call AuditLog.Record before SaveChangesAsync.");
    }

    private static bool IsBookkeeping(EntityEntry entry) => entry.Entity switch
    {
        DataProtectionKey => true,
        Aggregates.AggregateDirtySlice => true, // derived-data bookkeeping, written with an (audited) incident change
        AmaniUser when entry.State == EntityState.Modified => Changed(entry).All(UserBookkeeping.Contains),
        AccessToken when entry.State == EntityState.Modified => Changed(entry).All(name => name == nameof(AccessToken.LastUsedAt)),
        // Notification delivery (read flags, digests, outbox tries and outcomes): Amani.Notifications declares its own.
        _ when Notifications.DeliveryBookkeeping.Covers(entry) => true,
        _ => false,
    };

    /// <summary>Properties whose value really changed (Identity's store marks every property modified on update).</summary>
    private static IEnumerable<string> Changed(EntityEntry entry) =>
        entry.Properties.Where(p => p.IsModified && !Equals(p.CurrentValue, p.OriginalValue)).Select(p => p.Metadata.Name);
}
