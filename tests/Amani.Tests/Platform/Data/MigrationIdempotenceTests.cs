using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Platform.Data;

public sealed class MigrationIdempotenceTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Migrating_twice_changes_nothing_the_second_time(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        var migrator = new SchemaMigrator(database.Target);
        var latest = SchemaMigrator.LatestVersion(provider);

        Assert.Equal(new SchemaMigrator.Result(0, latest), await migrator.MigrateAsync());
        var schema = await SchemaSnapshot.ReadAsync(database.Target, includeMigrationsTable: true);
        var state = await MigrationState.ReadAsync(database.Target);

        var second = await migrator.MigrateAsync();

        Assert.Equal(new SchemaMigrator.Result(latest, latest), second);
        Assert.False(second.Changed);
        Assert.Equal(schema, await SchemaSnapshot.ReadAsync(database.Target, includeMigrationsTable: true));
        Assert.Equal(state, await MigrationState.ReadAsync(database.Target));
        Assert.Equal(Enumerable.Range(1, latest), state.Versions);
        Assert.Equal(1, state.SchemaMigratedRows);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Each_upgrade_to_the_latest_version_is_audited_once(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        var migrator = new SchemaMigrator(database.Target);
        var latest = SchemaMigrator.LatestVersion(provider);

        Assert.Equal(new SchemaMigrator.Result(0, 1), await migrator.MigrateAsync(targetVersion: 1));
        Assert.Equal(1, await migrator.CurrentVersionAsync());
        Assert.Equal(new SchemaMigrator.Result(1, latest), await migrator.MigrateAsync());
        await migrator.MigrateAsync();

        await using var db = new AmaniDbContext(database.Target.CreateOptions());
        var rows = await db.AuditEntries.AsNoTracking().Where(e => e.ActionCode == (int)AuditAction.SchemaMigrated).ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal("system", row.Actor);
        Assert.Equal(latest.ToString(), row.EntityId);
        Assert.Contains($"from version 1 to {latest}", row.Summary);
        Assert.True((await AuditChain.VerifyAsync(db, CancellationToken.None)).IsIntact);
    }
}
