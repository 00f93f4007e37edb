using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Foundation.Demo;

/// <summary>Registers the Demo module: see <see cref="IAmaniModule"/>.</summary>
public sealed class DemoModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddDemo().AddSingleton<IFirstStart, DemoFirstStart>();

    public void AddCommands(CliCommands commands) => commands.Add(DemoCommands.Build());
}
