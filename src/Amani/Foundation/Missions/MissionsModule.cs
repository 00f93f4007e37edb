using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Foundation.Missions;

/// <summary>Registers the Missions module: see <see cref="IAmaniModule"/>.</summary>
public sealed class MissionsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddMissions().AddScoped<Amani.Platform.Directories.IMissionDirectory, MissionDirectory>();

    public void MapApi(RouteGroupBuilder api) => api.MapMissionsApi();

    public void AddCommands(CliCommands commands) => commands.Add(MissionCommands.Build());
}
