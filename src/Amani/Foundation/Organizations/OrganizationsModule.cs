using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Foundation.Organizations;

/// <summary>Registers the Organizations module: see <see cref="IAmaniModule"/>.</summary>
public sealed class OrganizationsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddOrganizations();

    public void MapApi(RouteGroupBuilder api) => api.MapOrganizationsApi();
}
