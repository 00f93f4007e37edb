using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Foundation.Missions;

namespace Amani.Tests.Platform.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class MissionCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Missions_create_defaults_the_time_zone_of_the_host_country(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);

        var result = await CliRunner.SucceedAsync(database.Target, "missions", "create", "--code", "minusca", "--name", "Central African Republic",
            "--country", "caf");

        Assert.Contains("Mission MINUSCA created (CAF, Africa/Bangui).", result.Out);
        await using var db = new AmaniDbContext(database.Target.CreateOptions());
        var mission = await db.Missions.AsNoTracking().SingleAsync();
        Assert.Equal(("MINUSCA", "Central African Republic", "CAF", "Africa/Bangui"), (mission.Code, mission.Name, mission.CountryIso3, mission.TimeZone));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.ActionCode == AuditCodes.MissionCreated && e.EntityId == mission.Id.ToString()));
        Assert.Contains("MINUSCA", (await CliRunner.SucceedAsync(database.Target, "missions", "list")).Out);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "M")]
    [InlineData(DatabaseProvider.Postgres, "M")]
    [InlineData(DatabaseProvider.Sqlite, "NOT A CODE")]
    [InlineData(DatabaseProvider.Postgres, "NOT A CODE")]
    public async Task Missions_create_refuses_a_bad_code_and_writes_nothing(DatabaseProvider provider, string code)
    {
        await using var database = TestDatabase.Create(provider);

        var result = await CliRunner.RunAsync(database.Target, "missions", "create", "--code", code, "--name", "Bad", "--country", "CAF");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("A mission code has 2 to 32 letters, digits or hyphens", result.Error);
        await using var db = new AmaniDbContext(database.Target.CreateOptions());
        Assert.False(await db.Missions.AnyAsync());
        Assert.DoesNotContain(await db.AuditEntries.Select(e => e.ActionCode).ToListAsync(), c => c != (int)AuditAction.SchemaMigrated);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Missions_create_refuses_a_country_without_a_known_time_zone(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);

        var result = await CliRunner.RunAsync(database.Target, "missions", "create", "--code", "ATLANTIS", "--name", "Nowhere", "--country", "ATL");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("timeZone: No default time zone is known for ATL", result.Error);
        await using var db = new AmaniDbContext(database.Target.CreateOptions());
        Assert.False(await db.Missions.AnyAsync());
    }
}
