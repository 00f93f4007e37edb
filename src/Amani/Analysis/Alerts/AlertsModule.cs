using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Live;
using Amani.Platform.Modules;

namespace Amani.Analysis.Alerts;

/// <summary>Registers the Alerts module: see <see cref="IAmaniModule"/>.</summary>
public sealed class AlertsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddAlerts().AddSingleton<LiveTopic, AlertLiveTopic>();

    public void MapApi(RouteGroupBuilder api) => api.MapAlertsApi();
}
