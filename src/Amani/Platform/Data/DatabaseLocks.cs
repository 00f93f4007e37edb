using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Amani.Platform.Data;

/// <summary>
/// Cross-process mutual exclusion for work that must happen once even when several nodes share one database.
/// On PostgreSQL: transaction-scoped advisory locks. On SQLite: the database's single writer lock, which every
/// (immediate) write transaction already holds — SQLite deployments are one node.
/// </summary>
public static class DatabaseLocks
{
    public const long SchemaMigration = 0x414D414E49_0000;
    public const long AuditAppend = 0x414D414E49_0001;
    public const long FirstStart = 0x414D414E49_0002;

    /// <summary>Takes <paramref name="key"/> for the rest of the current transaction (a no-op on SQLite).</summary>
    public static async Task AcquireAsync(AmaniDbContext db, long key, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Database locks are transaction-scoped: begin a transaction first.");
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
    }

    /// <summary>Begins a write transaction holding <paramref name="key"/> until it ends.</summary>
    public static async Task<IDbContextTransaction> BeginExclusiveAsync(AmaniDbContext db, long key, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AcquireAsync(db, key, cancellationToken);
        return transaction;
    }
}
