using System.Text.RegularExpressions;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Demo;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;

namespace Amani.Tests.Platform.Cli;

[Collection(ConsoleCollection.Name)]
public sealed partial class DemoSeedCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Demo_seed_creates_the_demo_mission_once_with_a_password_that_signs_in(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var result = await CliRunner.SucceedAsync(app.Database.Target, "demo", "seed");

        var areasByLevel = await app.WithDbAsync(async db =>
        {
            var mission = await db.Missions.AsNoTracking().SingleAsync();
            Assert.Equal((DemoSeeder.MissionCode, "Africa/Bangui"), (mission.Code, mission.TimeZone));
            return await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == mission.Id).GroupBy(a => a.Level)
                .Select(g => new { Level = g.Key, Count = g.Count() }).OrderBy(g => g.Level).ToListAsync();
        });
        Assert.Equal([(0, 1), (1, 17), (2, 72)], areasByLevel.Select(g => (g.Level, g.Count)));
        Assert.Equal(AccessCatalog.Roles.Count, await app.WithDbAsync(db => db.Users.CountAsync())); // one demo account per role
        Assert.Contains($"seeded with 90 admin areas", result.Out);
        var password = DemoPassword().Match(result.Out).Groups["password"].Value;
        Assert.Equal(20, password.Length);
        var email = $"analyst@{DemoSeeder.EmailDomain}";
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var client = await app.SignInAsync(new TestUser(id, email, password));
        Assert.Contains($"\"{DemoSeeder.MissionCode}\"", await client.GetStringAsync("/api/v1/missions"));

        var again = await CliRunner.RunAsync(app.Database.Target, "demo", "seed");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("only seeded into an empty database", again.Error);
        Assert.DoesNotMatch(DemoPassword(), again.Out);
        Assert.Equal(AccessCatalog.Roles.Count, await app.WithDbAsync(db => db.Users.CountAsync())); // one demo account per role
        Assert.Equal(90, await app.WithDbAsync(db => db.AdminAreas.CountAsync()));
    }

    [GeneratedRegex(@"Password for every demo account \(shown only now\): (?<password>\S+)")]
    private static partial Regex DemoPassword();
}
