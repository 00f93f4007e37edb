using Amani.Platform.Hosting;

namespace Amani.Foundation.Demo;

/// <summary>Seeds the demo mission when <c>serve</c> starts on an empty database with <c>AMANI_DEMO</c> on (the default).</summary>
public sealed class DemoFirstStart : IFirstStart
{
    public async Task RunAsync(IServiceProvider services, AmaniSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.SeedDemo)
            return;
        var seeded = await services.GetRequiredService<DemoSeeder>()
            .SeedAsync(Path.Combine(AppContext.BaseDirectory, "SampleData"), cancellationToken);
        if (seeded is not null)
            DemoCommands.PrintCredentials(seeded);
    }
}
