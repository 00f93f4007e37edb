using Amani.Analysis.Forecasting.Missions;
using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;
using Amani.Register.Imports.Jobs;

namespace Amani.Analysis.Forecasting;

/// <summary>Registers forecasting (country-month reference data, models, stored mission forecasts): see <see cref="IAmaniModule"/>.</summary>
public sealed class ForecastingModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) =>
        services.AddForecasting().AddSingleton<ImportKind, CountryMonthImportKind>();

    public void MapApi(RouteGroupBuilder api) => api.MapForecastsApi();

    public void AddCommands(CliCommands commands)
    {
        commands.Add(ForecastCommands.Build());
        commands.Import.Subcommands.Add(CountryMonthImportCommand.Build());
    }
}
