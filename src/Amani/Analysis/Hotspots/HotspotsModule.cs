using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Analysis.Hotspots;

/// <summary>Registers the Hotspots module: see <see cref="IAmaniModule"/>.</summary>
public sealed class HotspotsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddHotspots();

    public void MapApi(RouteGroupBuilder api) => api.MapHotspotsApi();

    public void AddCommands(CliCommands commands) => HotspotCommands.AddTo(commands);
}
