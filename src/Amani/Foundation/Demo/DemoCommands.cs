using Amani.Platform.Cli;
using System.CommandLine;
using Amani.Foundation.Demo;

namespace Amani.Foundation.Demo;

public static class DemoCommands
{
    public static Command Build()
    {
        var demo = new Command("demo", "The demo mission.");
        var seed = new Command("seed", $"Seed the demo mission {DemoSeeder.MissionCode} (Central African Republic) with its areas and one user per role, " +
                                       "if the database holds no mission and no user yet. Prints the generated demo password once.");
        seed.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            var seeded = await services.GetRequiredService<DemoSeeder>().SeedAsync(Path.Combine(AppContext.BaseDirectory, "SampleData"), ct);
            if (seeded is null)
                return CliHost.Fail("The database already holds missions or users; the demo is only seeded into an empty database.");
            PrintCredentials(seeded);
            return 0;
        }, cancellationToken));
        demo.Subcommands.Add(seed);
        return demo;
    }

    /// <summary>Prints the demo accounts and their freshly generated password — once; it is stored only as a hash.</summary>
    public static void PrintCredentials(DemoSeeder.Seeded seeded)
    {
        Console.WriteLine();
        Console.WriteLine($"Demo mission {DemoSeeder.MissionCode} seeded with {seeded.Areas} admin areas and {seeded.Incidents:N0} UCDP GED events"
            + (seeded.Contributed is { Count: > 0 } contributed ? $", and {string.Join(", ", contributed)}" : "") + ". Sign in at /account/login as one of:");
        foreach (var account in seeded.Accounts)
            Console.WriteLine($"  {account.Email,-36} {account.Role}");
        Console.WriteLine($"Password for every demo account (shown only now): {seeded.Password}");
        Console.WriteLine();
    }
}
