using System.CommandLine;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Hosting;

namespace Amani.Platform.Cli;

/// <summary>
/// Runs a CLI command against the same services as the server: resolves settings, upgrades the schema, and opens a
/// scope whose audit actor is <c>cli:{operating-system user}</c>.
/// </summary>
public static class CliHost
{
    /// <summary>The settings of the command (its options over the environment); a refused one throws <c>OptionsValidationException</c>.</summary>
    public static AmaniSettings Settings(ParseResult parse, string? urls = null) =>
        AmaniSettings.Resolve(parse.GetValue(CommonOptions.DataDir), parse.GetValue(CommonOptions.Database), urls);

    public static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        var settings = Settings(parse) with { LogFormat = LogFormat.Text };
        await using var app = AmaniWebApp.Build(settings, services => services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
        await MigrateAsync(settings, quiet: true, cancellationToken); // after Build: a refused setting leaves the database alone
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Actor = $"cli:{Environment.UserName}";
        return await action(scope.ServiceProvider, cancellationToken);
    }

    public static async Task<SchemaMigrator.Result> MigrateAsync(AmaniSettings settings, bool quiet, CancellationToken cancellationToken)
    {
        var result = await new SchemaMigrator(settings.Database).MigrateAsync(cancellationToken: cancellationToken);
        if (settings.Database.AuditKey is { WasGenerated: true } key)
            Console.Error.WriteLine($"Audit chain key generated in {key.FileToCreate} (key id {key.KeyId}). Keep a copy away from the database " +
                                    "and its backups: without it the audit log can no longer be verified. Every node of this database needs this key.");
        if (result.Changed || !quiet)
            Console.Error.WriteLine(result.Changed
                ? $"Database {settings.Database.Describe()}: schema upgraded from version {result.From} to {result.To}."
                : $"Database {settings.Database.Describe()}: schema is up to date (version {result.To}).");
        return result;
    }

    /// <summary>Prints a rule violation the way the API would describe it, and returns the exit code for it.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
