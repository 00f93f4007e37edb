using Amani.Platform.Cli;
using System.CommandLine;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Data;

public static class DatabaseCommands
{
    public static Command Build()
    {
        var db = new Command("db", "Database schema.");

        var migrate = new Command("migrate", "Upgrade the database schema in place to the latest version (also done by 'serve' at start-up).");
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            await CliHost.MigrateAsync(CliHost.Settings(parse), quiet: false, cancellationToken);
            return 0;
        });
        db.Subcommands.Add(migrate);

        var version = new Command("version", "Print the schema version of the database and the latest this build knows.");
        version.SetAction(async (parse, cancellationToken) =>
        {
            var target = CliHost.Settings(parse).Database;
            Console.WriteLine($"{await new SchemaMigrator(target).CurrentVersionAsync(cancellationToken)} (latest {SchemaMigrator.LatestVersion(target.Provider)})");
            return 0;
        });
        db.Subcommands.Add(version);

        var provider = new Option<DatabaseProvider>("--provider") { Description = "sqlite or postgres", Required = true };
        var script = new Command("model-script", "For developers writing a migration: print the CREATE script of the current EF model for a provider.");
        script.Options.Add(provider);
        script.SetAction(parse =>
        {
            var target = parse.GetValue(provider) == DatabaseProvider.Sqlite
                ? new DatabaseTarget(DatabaseProvider.Sqlite, "Data Source=:memory:")
                : new DatabaseTarget(DatabaseProvider.Postgres, "Host=localhost");
            using var context = new AmaniDbContext(target.CreateOptions());
            Console.WriteLine(context.Database.GenerateCreateScript());
            return 0;
        });
        db.Subcommands.Add(script);
        return db;
    }
}
