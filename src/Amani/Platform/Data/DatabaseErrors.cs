using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Amani.Platform.Data;

public static class DatabaseErrors
{
    /// <summary>True when a write failed on a unique index (directly, or wrapped by EF Core).</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        DbUpdateException { InnerException: { } inner } => IsUniqueViolation(inner),
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
