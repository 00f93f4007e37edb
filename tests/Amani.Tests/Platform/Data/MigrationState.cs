using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Tests.Platform.Data;

/// <summary>What the migrator itself writes: the applied versions and the audit rows saying so.</summary>
public sealed record MigrationState(IReadOnlyList<int> Versions, int SchemaMigratedRows, long AuditRows)
{
    public static async Task<MigrationState> ReadAsync(DatabaseTarget target)
    {
        await using var db = new AmaniDbContext(target.CreateOptions());
        var versions = await db.Database.SqlQueryRaw<int>("SELECT version AS \"Value\" FROM schema_migrations ORDER BY version").ToListAsync();
        var migrated = await db.AuditEntries.CountAsync(e => e.ActionCode == (int)AuditAction.SchemaMigrated);
        return new MigrationState(versions, migrated, await db.AuditEntries.LongCountAsync());
    }

    public bool Equals(MigrationState? other) =>
        other is not null && Versions.SequenceEqual(other.Versions) && SchemaMigratedRows == other.SchemaMigratedRows && AuditRows == other.AuditRows;

    public override int GetHashCode() => HashCode.Combine(Versions.Count, SchemaMigratedRows, AuditRows);
}
