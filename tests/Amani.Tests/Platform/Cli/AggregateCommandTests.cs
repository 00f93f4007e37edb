using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Analysis.Aggregates;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Analysis.Aggregates;

namespace Amani.Tests.Platform.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class AggregateCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Aggregates_rebuild_recomputes_a_mission_and_hotspots_prints_its_units(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using (var app = await TestApp.StartNodeAsync(database))
        {
            await AggregateWorld.CreateAsync(app);
            var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
            await AggregateWorld.RecordAsync(officer, AggregateWorld.Incident(new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero), 4.25, 18.25));
        }
        await using (var db = new AmaniDbContext(database.Target.CreateOptions()))
            await db.Database.ExecuteSqlRawAsync("DELETE FROM area_month_aggregates"); // as if damaged

        var rebuilt = await CliRunner.SucceedAsync(database.Target, "aggregates", "rebuild", "--mission", "alpha");
        var hotspots = await CliRunner.SucceedAsync(database.Target, "aggregates", "hotspots", "--mission", "ALPHA", "--unit", "admin2");
        var unknown = await CliRunner.RunAsync(database.Target, "aggregates", "rebuild", "--mission", "NOPE");

        Assert.Matches(@"Aggregates of ALPHA rebuilt: 3 area rows, 1 cell rows in \d+ ms\.", rebuilt.Out);
        Assert.Contains(AggregateWorld.District, hotspots.Out);
        Assert.Contains("Getis-Ord Gi*", hotspots.Out);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("There is no mission NOPE", unknown.Error);
        await using var check = new AmaniDbContext(database.Target.CreateOptions());
        Assert.Equal(3, await check.Set<Amani.Analysis.Aggregates.AreaMonthAggregate>().CountAsync());
        Assert.True(await check.AuditEntries.AnyAsync(e => e.ActionCode == AuditCodes.AggregatesRebuilt));
    }
}
