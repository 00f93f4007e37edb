using System.CommandLine;

namespace Amani.Platform.Cli;

/// <summary>
/// The command tree the modules add to: top-level commands (<see cref="Add"/>) and the shared verbs several modules
/// contribute subcommands to (<see cref="Import"/>).
/// </summary>
public sealed class CliCommands(RootCommand root)
{
    private Command? _import;

    public void Add(Command command) => root.Subcommands.Add(command);

    /// <summary><c>./amani import …</c>: every dataset a module can load from a file.</summary>
    public Command Import => _import ??= Added(new Command("import",
        "Import admin boundaries and conflict data into a mission (idempotent: re-importing updates changed rows, never duplicates)."));

    /// <summary>The top-level command <paramref name="name"/>, made with <paramref name="description"/> by the first module that asks.</summary>
    public Command Group(string name, string description) =>
        root.Subcommands.FirstOrDefault(c => c.Name == name) ?? Added(new Command(name, description));

    private Command Added(Command command)
    {
        root.Subcommands.Add(command);
        return command;
    }
}
