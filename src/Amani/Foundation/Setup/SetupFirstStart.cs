using Amani.Platform.Hosting;

namespace Amani.Foundation.Setup;

/// <summary>
/// Without the demo (<c>AMANI_DEMO=false</c>) and without any user, prints a one-time set-up token for the first
/// administrator.
/// </summary>
public sealed class SetupFirstStart : IFirstStart
{
    public async Task RunAsync(IServiceProvider services, AmaniSettings settings, CancellationToken cancellationToken)
    {
        if (settings.SeedDemo)
            return;
        if (await services.GetRequiredService<FirstAdministrator>().IssueSetupTokenIfNeededAsync(cancellationToken) is not { } secret)
            return;
        Console.WriteLine();
        Console.WriteLine("No user exists yet. Create the first administrator with this one-time set-up token (valid 24 hours):");
        Console.WriteLine($"  {secret}");
        Console.WriteLine("  POST /api/v1/setup {\"setupToken\": \"…\", \"email\": \"…\", \"password\": \"…\"}");
        Console.WriteLine("or run: ./amani users create-admin --email you@example.org --password-file FILE");
        Console.WriteLine();
    }
}
