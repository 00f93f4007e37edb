using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Platform.Data;

/// <summary>Several nodes (or a node and an operator's <c>db migrate</c>) may upgrade one database at the same moment.</summary>
public sealed class MigrationConcurrencyTests
{
    private const int Migrators = 4;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Concurrent_migrators_on_a_fresh_database_all_succeed_and_upgrade_it_once(DatabaseProvider provider)
    {
        // The race windows are narrow: several rounds, each on a fresh database, make a regression show.
        for (var round = 0; round < 5; round++)
        {
            await using var database = TestDatabase.Create(provider);

            var results = await Task.WhenAll(Enumerable.Range(0, Migrators)
                .Select(_ => Task.Run(() => new SchemaMigrator(database.Target).MigrateAsync())));

            await AssertUpgradedOnceAsync(database.Target, results);
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Migrators_queued_behind_a_busy_database_upgrade_it_once(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        // Version 0 with the bookkeeping table in place, so that the migrators below read the version without writing.
        await new SchemaMigrator(database.Target).MigrateAsync(targetVersion: 0);
        await using var blocker = new AmaniDbContext(database.Target.CreateOptions());
        await blocker.Database.OpenConnectionAsync();
        // SQLite: hold the write lock, as another process mid-write would. PostgreSQL: hold the migration lock.
        await blocker.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite
            ? "BEGIN IMMEDIATE"
            : $"SELECT pg_advisory_lock({DatabaseLocks.SchemaMigration})");

        var migrating = Enumerable.Range(0, Migrators).Select(_ => Task.Run(() => new SchemaMigrator(database.Target).MigrateAsync())).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(migrating, t => t.IsCompleted);
        await blocker.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite
            ? "ROLLBACK"
            : $"SELECT pg_advisory_unlock({DatabaseLocks.SchemaMigration})");

        await AssertUpgradedOnceAsync(database.Target, await Task.WhenAll(migrating));
    }

    private static async Task AssertUpgradedOnceAsync(DatabaseTarget target, SchemaMigrator.Result[] results)
    {
        var latest = SchemaMigrator.LatestVersion(target.Provider);
        Assert.All(results, r => Assert.Equal(latest, r.To));
        Assert.Single(results, r => r.Changed);
        var state = await MigrationState.ReadAsync(target);
        Assert.Equal(Enumerable.Range(1, latest), state.Versions);
        Assert.Equal(1, state.SchemaMigratedRows);
        var tables = (await SchemaSnapshot.ReadAsync(target)).Where(l => l.StartsWith("table ", StringComparison.Ordinal)).ToList();
        // One set of tables: every table of the model, once (schema_migrations is not in the snapshot's model comparison).
        await using var model = new AmaniDbContext(target.CreateOptions());
        var expected = model.Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct().Count();
        Assert.Equal(expected, tables.Count(t => !t.Contains("schema_migrations", StringComparison.Ordinal)));
    }
}
