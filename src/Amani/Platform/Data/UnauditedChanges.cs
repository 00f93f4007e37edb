using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Amani.Platform.Data;

/// <summary>
/// Enforces "every state change writes an audit row": a save that changes data without queuing an audit row is a bug
/// and throws. The only exceptions are what the modules' entity configurations declare bookkeeping
/// (<see cref="Bookkeeping"/>): whole entities such as the Data Protection key ring, or properties such as a user's
/// lockout counters and security stamps (failed sign-ins are audited separately) and a token's last-used time.
/// </summary>
public static class UnauditedChanges
{
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

    private static bool IsBookkeeping(EntityEntry entry) =>
        Bookkeeping.Of(entry.Metadata) || Bookkeeping.When(entry)
        || (entry.State == EntityState.Modified && entry.Metadata.GetProperties().Any(Bookkeeping.Of)
            && Changed(entry).All(name => Bookkeeping.Of(entry.Metadata.FindProperty(name)!)));

    /// <summary>Properties whose value really changed (Identity's store marks every property modified on update).</summary>
    private static IEnumerable<string> Changed(EntityEntry entry) =>
        entry.Properties.Where(p => p.IsModified && !Equals(p.CurrentValue, p.OriginalValue)).Select(p => p.Metadata.Name);
}
