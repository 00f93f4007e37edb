using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Register.Duplicates;

/// <summary>Registers the Duplicates module: see <see cref="IAmaniModule"/>.</summary>
public sealed class DuplicatesModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddDuplicates();

    public void MapApi(RouteGroupBuilder api) => api.MapDuplicatesApi();
}
