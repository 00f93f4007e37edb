using Amani.Platform.Cli;
using Amani.Platform.Data;
using Xunit;

namespace Amani.Tests.Platform.Cli;

/// <summary>
/// Tests that redirect the process-wide <see cref="Console"/>. xunit runs test classes in parallel, so every such class
/// joins this collection, which runs on its own after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs <c>./amani</c> in-process, as <c>Program.cs</c> does, capturing what it prints.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var (previousOut, previousError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = await AmaniCli.InvokeAsync(args);
            return new CliResult(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }

    /// <summary>Runs a command against <paramref name="target"/> with a temporary data directory holding its audit chain key.</summary>
    public static async Task<CliResult> RunAsync(DatabaseTarget target, params string[] args)
    {
        var dataDirectory = Amani.Tests.Infrastructure.TestDatabase.DataDirectoryWithKey(target);
        try
        {
            return await RunAsync([.. args, "--database", target.ConnectionString, "--data-dir", dataDirectory.FullName]);
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    /// <summary>Runs a command that must succeed.</summary>
    public static async Task<CliResult> SucceedAsync(DatabaseTarget target, params string[] args)
    {
        var result = await RunAsync(target, args);
        Assert.True(result.ExitCode == 0, $"amani {string.Join(' ', args)} failed: {result}");
        return result;
    }
}
