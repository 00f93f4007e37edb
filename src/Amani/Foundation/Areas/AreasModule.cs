using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Foundation.Areas;

/// <summary>Registers the Areas module: see <see cref="IAmaniModule"/>.</summary>
public sealed class AreasModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddAreas().AddScoped<Amani.Platform.Directories.IAreaDirectory, AreaDirectory>();

    public void MapApi(RouteGroupBuilder api) => api.MapAreasApi();

    public void AddCommands(CliCommands commands) => commands.Import.Subcommands.Add(AreaImportCommand.Build());
}
