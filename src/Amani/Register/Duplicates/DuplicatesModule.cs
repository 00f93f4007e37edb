using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;
using Amani.Register.Incidents;
using Amani.Register.Reporting;

namespace Amani.Register.Duplicates;

/// <summary>Registers the Duplicates module: see <see cref="IAmaniModule"/>.</summary>
public sealed class DuplicatesModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddDuplicates()
        // The candidates the incident page and triage show (contracts of Incidents and Reporting)
        .AddScoped<DuplicateSuggestions>()
        .AddScoped<ILikelyDuplicates>(provider => provider.GetRequiredService<DuplicateSuggestions>())
        .AddScoped<IReportDuplicates>(provider => provider.GetRequiredService<DuplicateSuggestions>());

    public void MapApi(RouteGroupBuilder api) => api.MapDuplicatesApi();
}
