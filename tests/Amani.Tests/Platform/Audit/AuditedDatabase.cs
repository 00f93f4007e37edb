using Amani.Foundation.Missions;
using System.Data.Common;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace Amani.Tests.Platform.Audit;

/// <summary>
/// A fresh, migrated <see cref="TestDatabase"/> for audit tests: writes audit history the way the product does, reads
/// and verifies it, and tampers with it in raw SQL that bypasses Amani entirely.
/// </summary>
public sealed class AuditedDatabase : IAsyncDisposable
{
    private AuditedDatabase(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }
    public DatabaseTarget Target => Database.Target;

    public static async Task<AuditedDatabase> CreateAsync(DatabaseProvider provider, int? version = null)
    {
        var database = TestDatabase.Create(provider);
        await new SchemaMigrator(database.Target).MigrateAsync(version);
        return new AuditedDatabase(database);
    }

    /// <summary>Upgrades the schema to the latest version, as the next start of a newer Amani would.</summary>
    public Task UpgradeAsync() => new SchemaMigrator(Target).MigrateAsync();

    public AmaniDbContext CreateContext() => new(Target.CreateOptions());

    public static AuditLog AuditLogFor(AmaniDbContext db, string actor = "test") =>
        new(db, new AuditActor { Actor = actor }, TimeProvider.System);

    /// <summary>Writes <paramref name="count"/> audit rows, each in its own save (as separate changes would).</summary>
    public async Task RecordAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var db = CreateContext();
            AuditLogFor(db).Record(AuditAction.MissionUpdated, Mission.AuditEntity, Guid.NewGuid(), $"Test change {i} → “ünïcode” ✓.");
            await db.SaveChangesAsync();
        }
    }

    public async Task<List<AuditEntry>> RowsAsync()
    {
        await using var db = CreateContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    public async Task<AuditVerification> VerifyAsync()
    {
        await using var db = CreateContext();
        return await AuditChain.VerifyAsync(db, CancellationToken.None);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> straight on the database, bypassing Amani: for SQLite a plain connection to the
    /// database file, as someone editing the file by hand would; for PostgreSQL a plain connection to the schema.
    /// Returns the number of rows changed.
    /// </summary>
    public Task<int> TamperAsync(string sql) => TamperAsync(Target, sql);

    /// <inheritdoc cref="TamperAsync(string)"/>
    public static async Task<int> TamperAsync(DatabaseTarget target, string sql)
    {
        await using var connection = PlainConnection(target);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Inserts <paramref name="forged"/> as it is (sequence, hashes and all) with a plain connection; without
    /// <paramref name="scheme"/>, into a table of a schema before version 23, which has no hash scheme and key id.
    /// </summary>
    public async Task InsertForgedAsync(AuditEntry forged, bool scheme = true)
    {
        await using var connection = PlainConnection(Target);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var (columns, values) = scheme ? (", hash_scheme, key_id", ", @hashScheme, @keyId") : ("", "");
        command.CommandText = $"""
            INSERT INTO audit_entries (sequence, occurred_at, actor, action_code, entity_type, entity_id, summary, request_id, previous_hash, hash{columns})
            VALUES (@sequence, @occurredAt, @actor, @actionCode, @entityType, @entityId, @summary, @requestId, @previousHash, @hash{values})
            """;
        (string, object?)[] parameters =
        [
            ("@sequence", forged.Sequence), ("@occurredAt", forged.OccurredAt), ("@actor", forged.Actor),
            ("@actionCode", forged.ActionCode), ("@entityType", forged.EntityType), ("@entityId", forged.EntityId),
            ("@summary", forged.Summary), ("@requestId", forged.RequestId), ("@previousHash", forged.PreviousHash),
            ("@hash", forged.Hash),
            .. scheme ? [("@hashScheme", forged.HashScheme.ToString()), ("@keyId", forged.KeyId)] : Array.Empty<(string, object?)>(),
        ];
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>
    /// Overwrites the stored row of <paramref name="row"/>'s sequence number with its summary, hashes, scheme and key id,
    /// with a plain connection (someone rewriting the log in the database).
    /// </summary>
    public async Task RewriteAsync(AuditEntry row)
    {
        await using var connection = PlainConnection(Target);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE audit_entries SET summary = @summary, previous_hash = @previousHash, hash = @hash, " +
                              "hash_scheme = @hashScheme, key_id = @keyId WHERE sequence = @sequence";
        foreach (var (name, value) in new (string, object?)[]
                 {
                     ("@summary", row.Summary), ("@previousHash", row.PreviousHash), ("@hash", row.Hash),
                     ("@hashScheme", row.HashScheme.ToString()), ("@keyId", row.KeyId), ("@sequence", row.Sequence),
                 })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Moves every row after <paramref name="sequence"/> by <paramref name="by"/> places (in two steps, so no key collides).</summary>
    public async Task RenumberAfterAsync(long sequence, int by)
    {
        await TamperAsync($"UPDATE audit_entries SET sequence = -(sequence + {by}) WHERE sequence > {sequence}");
        await TamperAsync("UPDATE audit_entries SET sequence = -sequence WHERE sequence < 0");
    }

    private static DbConnection PlainConnection(DatabaseTarget target) => target.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource,
            Pooling = false,
        }.ConnectionString)
        : new NpgsqlConnection(target.ConnectionString);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
