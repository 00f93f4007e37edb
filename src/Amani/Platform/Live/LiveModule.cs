using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Platform.Live;

/// <summary>Registers the Live module: see <see cref="IAmaniModule"/>.</summary>
public sealed class LiveModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddLive(settings.Database);

    public void MapApi(RouteGroupBuilder api) => api.MapLiveApi();
}
