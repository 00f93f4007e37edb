using System.Security.Cryptography;
using System.Text;
using Amani.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Amani.Register.Reporting;

namespace Amani.Bench;

/// <summary>Reads the stored reports back through the product's own DbContext, and the durability settings in force.</summary>
public static class StoredReports
{
    public sealed record Row(string? KeyHash, string TrackingCode);

    public static async Task<List<Row>> LoadAsync(AmaniServer server, CancellationToken cancellationToken)
    {
        await using var db = new AmaniDbContext(DatabaseTarget.Resolve(server.Database, server.DataDirectory).CreateOptions());
        return await db.CommunityReports.AsNoTracking().Select(r => new Row(r.IdempotencyKeyHash, r.TrackingCode)).ToListAsync(cancellationToken);
    }

    public static async Task<long> CountAuditAsync(AmaniServer server, CancellationToken cancellationToken)
    {
        await using var db = new AmaniDbContext(DatabaseTarget.Resolve(server.Database, server.DataDirectory).CreateOptions());
        return await db.AuditEntries.LongCountAsync(e => e.EntityType == "community_report", cancellationToken);
    }

    /// <summary>What the server stores for an idempotency key (see ReportSubmission).</summary>
    public static string KeyHash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The settings an acknowledged report's durability rests on, as the database reports them.</summary>
    public static async Task<string> DurabilityAsync(AmaniServer server, CancellationToken cancellationToken)
    {
        var target = DatabaseTarget.Resolve(server.Database, server.DataDirectory);
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            await using var sqlite = new SqliteConnection(target.ConnectionString);
            await sqlite.OpenAsync(cancellationToken);
            return $"journal_mode={await ScalarAsync(sqlite, "PRAGMA journal_mode", cancellationToken)}, " +
                   $"synchronous={await ScalarAsync(sqlite, "PRAGMA synchronous", cancellationToken)} (2 = FULL; the server sets FULL on every connection it opens)";
        }
        await using var postgres = new NpgsqlConnection(target.ConnectionString);
        await postgres.OpenAsync(cancellationToken);
        return $"synchronous_commit={await ScalarAsync(postgres, "SHOW synchronous_commit", cancellationToken)}, " +
               $"fsync={await ScalarAsync(postgres, "SHOW fsync", cancellationToken)}, " +
               $"wal_sync_method={await ScalarAsync(postgres, "SHOW wal_sync_method", cancellationToken)}";
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(cancellationToken))?.ToString();
    }
}
