using System.CommandLine;
using Amani.Platform.Data;

namespace Amani.Platform.Cli;

/// <summary>The <c>./amani</c> command line: the platform's own commands, then those of every module, and the options every command takes.</summary>
public static class AmaniCli
{
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
