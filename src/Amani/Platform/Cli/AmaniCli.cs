using System.CommandLine;
using Amani.Platform.Data;
using Microsoft.Extensions.Options;

namespace Amani.Platform.Cli;

/// <summary>The <c>./amani</c> command line: the platform's own commands, then those of every module, and the options every command takes.</summary>
public static class AmaniCli
{
    /// <summary>Exit code of a command refused because a setting is invalid.</summary>
    public const int InvalidSettingExitCode = 2;

    /// <summary>
    /// Runs the command line. A refused setting ends it with one line per refused variable on stderr (no stack trace)
    /// and <see cref="InvalidSettingExitCode"/>; any other exception is reported as System.CommandLine would (exit 1).
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Build().Parse(args);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception) when (InvalidSettings(exception) is { Count: > 0 } failures)
        {
            foreach (var failure in failures)
                Console.Error.WriteLine($"error: {failure}");
            return InvalidSettingExitCode;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Console.Error.WriteLine($"Unhandled exception: {exception}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 1;
        }
    }

    private static IReadOnlyList<string> InvalidSettings(Exception exception) => exception switch
    {
        OptionsValidationException invalid => invalid.Failures.ToList(),
        AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            all.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures).ToList(),
        _ => [],
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("Amani — information platform for peace operations. Every command takes --data-dir and --database.");
        root.Options.Add(CommonOptions.DataDir);
        root.Options.Add(CommonOptions.Database);
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(DatabaseCommands.Build());
        var commands = new CliCommands(root);
        foreach (var module in AmaniModules.All)
            module.AddCommands(commands);
        return root;
    }
}

public static class CommonOptions
{
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Directory for the SQLite database, uploads and keys (default: $AMANI_DATA_DIR, else ./data).",
        Recursive = true,
    };

    public static readonly Option<string?> Database = new("--database")
    {
        Description = "SQLite path or connection string, or a PostgreSQL connection string 'Host=…;Database=…' (default: $AMANI_DATABASE, else <data-dir>/amani.db).",
        Recursive = true,
    };
}
