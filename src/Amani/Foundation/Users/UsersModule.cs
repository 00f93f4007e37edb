using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Foundation.Users;

/// <summary>Registers the Users module: see <see cref="IAmaniModule"/>.</summary>
public sealed class UsersModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddUsers().AddUserIdentity().AddScoped<Amani.Platform.Directories.IPeopleDirectory, PeopleDirectory>();

    public void MapApi(RouteGroupBuilder api) => api.MapUsersApi();

    public void AddCommands(CliCommands commands) => UserCommands.AddTo(commands);
}
