using Amani.Platform.Cli;
using Xunit;

namespace Amani.Tests.Platform.Audit;

/// <summary>
/// Runs <c>./amani</c> in-process and captures what it prints. Console is process-global, so every test class that
/// uses it joins this collection, which xunit runs on its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliConsole
{
    public const string Name = "CLI console";

    public sealed record Run(int ExitCode, string Output);

    public static async Task<Run> RunAsync(params string[] args)
    {
        var (output, error) = (Console.Out, Console.Error);
        await using var captured = new StringWriter();
        Console.SetOut(captured);
        Console.SetError(captured);
        try
        {
            var exitCode = await AmaniCli.InvokeAsync(args);
            return new Run(exitCode, captured.ToString());
        }
        finally
        {
            Console.SetOut(output);
            Console.SetError(error);
        }
    }

    /// <summary><c>audit verify</c> against <paramref name="database"/> with its audit chain key, with any extra arguments.</summary>
    public static async Task<Run> VerifyAsync(AuditedDatabase database, params string[] extra)
    {
        var dataDirectory = Amani.Tests.Infrastructure.TestDatabase.DataDirectoryWithKey(database.Target);
        try
        {
            return await RunAsync(["audit", "verify", "--data-dir", dataDirectory.FullName, "--database", database.Target.ConnectionString, .. extra]);
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }
}
