using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Foundation.Users;

namespace Amani.Tests.Platform.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class CreateAdminCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Users_create_admin_reads_the_password_file_and_the_administrator_can_sign_in(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var password = "correct horse battery staple";
        var file = await PasswordFileAsync(password + "\n");

        var result = await CliRunner.SucceedAsync(app.Database.Target, "users", "create-admin", "--email", "root@cli.amani.local", "--password-file", file);

        Assert.Contains("Administrator root@cli.amani.local created", result.Out);
        Assert.DoesNotContain(password, result.Out + result.Error);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "root@cli.amani.local").Select(u => u.Id).SingleAsync());
        var me = await (await app.SignInAsync(new TestUser(id, "root@cli.amani.local", password))).GetStringAsync("/api/v1/account/me");
        var role = await app.WithDbAsync(db => db.RoleAssignments.SingleAsync(a => a.UserId == id));
        Assert.Equal((Role.Administrator, (Guid?)null), (role.Role, role.MissionId));
        Assert.Contains("users:manage", me);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == AuditCodes.UserCreated && e.Actor.StartsWith("cli:"))));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Users_create_admin_refuses_a_short_password_and_writes_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var result = await CliRunner.RunAsync(app.Database.Target, "users", "create-admin", "--email", "root@cli.amani.local",
            "--password-file", await PasswordFileAsync("short"));

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("password", result.Error);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync()));
        Assert.False(await app.WithDbAsync(db => db.RoleAssignments.AnyAsync()));
        Assert.Equal(before, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    /// <summary>Finding 10 of the security probe: <c>password1234</c> was accepted.</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Users_create_admin_refuses_a_common_password_and_writes_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var result = await CliRunner.RunAsync(app.Database.Target, "users", "create-admin", "--email", "root@cli.amani.local",
            "--password-file", await PasswordFileAsync("password1234\n"));

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("common or breached", result.Error);
        Assert.DoesNotContain("password1234", result.Out + result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync()));
        Assert.Equal(before, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Users_create_admin_with_a_missing_password_file_fails_plainly(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var result = await CliRunner.RunAsync(app.Database.Target, "users", "create-admin", "--email", "root@cli.amani.local",
            "--password-file", Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync()));
    }

    private static async Task<string> PasswordFileAsync(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "amani-tests", $"password-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
