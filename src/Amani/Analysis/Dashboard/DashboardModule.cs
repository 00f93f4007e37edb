using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Analysis.Dashboard;

/// <summary>Registers the Dashboard module: see <see cref="IAmaniModule"/>.</summary>
public sealed class DashboardModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddDashboard();

    public void MapApi(RouteGroupBuilder api) => api.MapDashboardApi();
}
