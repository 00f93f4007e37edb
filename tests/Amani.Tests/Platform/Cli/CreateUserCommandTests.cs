using System.Text.RegularExpressions;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Foundation.Missions;
using Amani.Foundation.Users;

namespace Amani.Tests.Platform.Cli;

[Collection(ConsoleCollection.Name)]
public sealed partial class CreateUserCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Users_create_grants_the_mission_role_and_prints_a_working_password_once(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await CliRunner.SucceedAsync(app.Database.Target, "missions", "create", "--code", "MINUSCA", "--name", "Central African Republic", "--country", "CAF");

        var result = await CliRunner.SucceedAsync(app.Database.Target, "users", "create", "--email", "ana@cli.amani.local", "--role", "analyst",
            "--mission", "minusca");

        Assert.Contains("User ana@cli.amani.local created with role Analyst in MINUSCA.", result.Out);
        var password = InitialPassword().Match(result.Out).Groups["password"].Value;
        Assert.Equal(20, password.Length);
        Assert.Equal(1, Regex.Count(result.Out + result.Error, Regex.Escape(password)));
        var (user, role, mission) = await app.WithDbAsync(async db =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == "ana@cli.amani.local");
            var assignment = await db.RoleAssignments.AsNoTracking().SingleAsync(a => a.UserId == user.Id);
            var mission = await db.Missions.AsNoTracking().SingleAsync(m => m.Id == assignment.MissionId);
            return (user, assignment.Role, mission.Code);
        });
        Assert.Equal((Role.Analyst, "MINUSCA"), (role, mission));
        var client = await app.SignInAsync(new TestUser(user.Id, "ana@cli.amani.local", password));
        Assert.Contains("\"MINUSCA\"", await client.GetStringAsync("/api/v1/missions"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Users_create_refuses_an_unknown_role_without_creating_the_user(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var result = await CliRunner.RunAsync(app.Database.Target, "users", "create", "--email", "x@cli.amani.local", "--role", "overlord");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'overlord' is not a role", result.Error);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync()));
    }

    /// <summary>The contract: <c>--role</c> accepts every role the platform and the modules declare, by its name or in kebab-case.</summary>
    [Fact]
    public async Task Users_create_accepts_every_declared_role()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await CliRunner.SucceedAsync(app.Database.Target, "missions", "create", "--code", "MINUSCA", "--name", "Central African Republic", "--country", "CAF");
        await app.WithScopeAsync(services => services.GetRequiredService<Amani.Foundation.Organizations.OrganizationRules>().CreateAsync(
            new Amani.Foundation.Organizations.CreateOrganizationRequest("Partner NGO", "PNGO", Amani.Foundation.Organizations.OrganizationKind.Ngo, null),
            CancellationToken.None));

        foreach (var role in AccessCatalog.Roles)
        {
            var kebab = Regex.Replace(role.Name, "(?<=[a-z])(?=[A-Z])", "-").ToLowerInvariant();
            string[] organization = role.ForOrganization ? ["--organization", "PNGO"] : [];
            var result = await CliRunner.SucceedAsync(app.Database.Target, ["users", "create", "--email", $"{kebab}@cli.amani.local", "--role", kebab,
                "--mission", "MINUSCA", .. organization]);
            Assert.Contains($"created with role {role.Name} in MINUSCA.", result.Out);
        }
        var stored = await app.WithDbAsync(db => db.RoleAssignments.AsNoTracking().Select(a => a.Role).ToListAsync());
        Assert.Equal(AccessCatalog.Roles.OrderBy(r => r.Name), stored.OrderBy(r => r.Name));
    }

    [GeneratedRegex(@"Initial password \(shown only now; ask the user to change it\): (?<password>\S+)")]
    private static partial Regex InitialPassword();
}
