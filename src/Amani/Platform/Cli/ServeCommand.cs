using System.CommandLine;
using Amani.Platform.Hosting;

namespace Amani.Platform.Cli;

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
        foreach (var step in services.GetServices<IFirstStart>())
        {
            await using var scope = services.CreateAsyncScope();
            await step.RunAsync(scope.ServiceProvider, settings, cancellationToken);
        }
    }
}
