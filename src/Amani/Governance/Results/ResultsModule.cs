using Amani.Governance.Results.Exchange;
using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Governance.Results;

/// <summary>Registers the Results module (the mission's plan, its indicators and their values, assessments): see <see cref="IAmaniModule"/>.</summary>
public sealed class ResultsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings)
    {
        services.AddScoped<ResultsAccess>().AddScoped<Values.ValueRules>();
        services.AddScoped<ResultsExchange>();
    }

    public void MapApi(RouteGroupBuilder api)
    {
        api.MapResultsExchangeApi();
    }

    public void AddCommands(CliCommands commands)
    {
        ResultsCommands.AddTo(commands);
    }
}
