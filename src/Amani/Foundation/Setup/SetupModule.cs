using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Foundation.Setup;

/// <summary>Registers the Setup module: see <see cref="IAmaniModule"/>.</summary>
public sealed class SetupModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddSetup().AddSingleton<IFirstStart, SetupFirstStart>();

    public void MapApi(RouteGroupBuilder api) => api.MapSetupApi();

    public void AddCommands(CliCommands commands) => SetupCommands.AddTo(commands);
}
