using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Register.Exports;

/// <summary>Registers the Exports module: see <see cref="IAmaniModule"/>.</summary>
public sealed class ExportsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddExports();

    public void MapApi(RouteGroupBuilder api) => api.MapExportsApi();

    public void AddCommands(CliCommands commands) => commands.Add(ExportCommands.Build());
}
