using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class DatabaseCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Db_migrate_upgrades_a_fresh_database_and_db_version_reports_it(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        var latest = SchemaMigrator.LatestVersion(provider);
        Assert.Equal($"0 (latest {latest})", (await CliRunner.SucceedAsync(database.Target, "db", "version")).Out.Trim());

        var migrated = await CliRunner.SucceedAsync(database.Target, "db", "migrate");
        Assert.Contains($"schema upgraded from version 0 to {latest}", migrated.Error);

        Assert.Equal($"{latest} (latest {latest})", (await CliRunner.SucceedAsync(database.Target, "db", "version")).Out.Trim());
        Assert.Equal(latest, await new SchemaMigrator(database.Target).CurrentVersionAsync());
        var again = await CliRunner.SucceedAsync(database.Target, "db", "migrate");
        Assert.Contains($"schema is up to date (version {latest})", again.Error);
    }
}
