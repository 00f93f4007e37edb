using Amani.Platform.Cli;
using Amani.Platform.Data;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Analysis.Aggregates;

/// <summary>Registers the Aggregates module: see <see cref="IAmaniModule"/>.</summary>
public sealed class AggregatesModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddAggregates().AddSingleton<ISaveParticipant, AggregateSliceMarker>()
        .AddScoped<Platform.Measures.IMeasureSource, IncidentMeasures>();

    public void MapApi(RouteGroupBuilder api) => api.MapAggregatesApi();

    public void AddCommands(CliCommands commands) => AggregateCommands.AddTo(commands);
}
