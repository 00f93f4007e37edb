using System.CommandLine;
using Amani.Demo;
using Amani.Hosting;
using Amani.Setup;

namespace Amani.Cli;

public static class ServeCommand
{
    public static readonly Option<string?> Urls = new("--urls") { Description = "Addresses to listen on (default: $AMANI_URLS, else http://127.0.0.1:5080)." };

    public static Command Build()
    {
        var serve = new Command("serve",
            "Run the web server. Upgrades the schema first; on an empty database seeds the demo mission (unless AMANI_DEMO=false, " +
            "in which case it prints a one-time set-up token for the first administrator).");
        serve.Options.Add(Urls);
        serve.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CliHost.Settings(parse, parse.GetValue(Urls));
            await using var app = AmaniWebApp.Build(settings);
            await CliHost.MigrateAsync(settings, quiet: false, cancellationToken); // after Build: a refused setting leaves the database alone
            await FirstStartAsync(app.Services, settings, cancellationToken);
            await app.StartAsync(cancellationToken);
            Console.WriteLine($"Amani is running at {string.Join(", ", settings.Urls.Split(';'))} on {settings.Database.Describe()}. Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return serve;
    }

    private static async Task FirstStartAsync(IServiceProvider services, AmaniSettings settings, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (settings.SeedDemo)
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
                .SeedAsync(Path.Combine(AppContext.BaseDirectory, "SampleData"), cancellationToken);
            if (seeded is not null)
                DemoCommands.PrintCredentials(seeded);
            return;
        }
        if (await scope.ServiceProvider.GetRequiredService<FirstAdministrator>().IssueSetupTokenIfNeededAsync(cancellationToken) is { } secret)
        {
            Console.WriteLine();
            Console.WriteLine("No user exists yet. Create the first administrator with this one-time set-up token (valid 24 hours):");
            Console.WriteLine($"  {secret}");
            Console.WriteLine("  POST /api/v1/setup {\"setupToken\": \"…\", \"email\": \"…\", \"password\": \"…\"}");
            Console.WriteLine("or run: ./amani users create-admin --email you@example.org --password-file FILE");
            Console.WriteLine();
        }
    }
}
