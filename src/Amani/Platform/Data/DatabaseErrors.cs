using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Amani.Platform.Data;

public static class DatabaseErrors
{
    /// <summary>
    /// True for the failures a background loop outlives by trying again at its next pass: the database was unreachable,
    /// busy, timed out or refused the write (a connection dropped, a lock not granted, a deadlock victim). Bugs
    /// (null references, bad arguments) are not among them and still surface.
    /// </summary>
    public static bool IsTransient(Exception exception) =>
        exception is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or TimeoutException;

    /// <summary>True when a write failed on a unique index (directly, or wrapped by EF Core).</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        DbUpdateException { InnerException: { } inner } => IsUniqueViolation(inner),
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
