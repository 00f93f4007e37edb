using Xunit;

namespace Amani.Tests.Platform.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class HelpTests
{
    [Fact]
    public async Task Amani_help_describes_the_commands_and_the_common_options()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Amani — information platform for peace operations.", result.Out);
        foreach (var command in new[] { "serve", "db", "users", "tokens", "missions", "audit", "demo" })
            Assert.Matches($@"(?m)^\s+{command}\s+\S", result.Out);
        Assert.Contains("--data-dir", result.Out);
        Assert.Contains("--database", result.Out);
    }

    [Fact]
    public async Task Users_create_help_describes_its_options()
    {
        var result = await CliRunner.RunAsync("users", "create", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Create a user with a role; prints a generated initial password once.", result.Out);
        Assert.Contains("--role", result.Out);
        Assert.Contains("One of: Administrator, Analyst, DutyOfficer, FieldOfficer, Partner, PlanningOfficer.", result.Out);
        Assert.Contains("--mission", result.Out);
    }

    [Fact]
    public async Task An_unknown_command_fails_with_a_message()
    {
        var result = await CliRunner.RunAsync("users", "frobnicate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.Error);
    }
}
