using Amani.Foundation.Demo;
using Amani.Governance.Results.Assessments;
using Amani.Governance.Results.Computation;
using Amani.Governance.Results.Demo;
using Amani.Governance.Results.Exchange;
using Amani.Governance.Results.Maps;
using Amani.Governance.Results.Plans;
using Amani.Governance.Results.Public;
using Amani.Governance.Results.Values;
using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Hosting.Settings;
using Amani.Platform.Modules;

namespace Amani.Governance.Results;

/// <summary>Registers the Results module (the mission's plan, its indicators and their values, assessments): see <see cref="IAmaniModule"/>.</summary>
public sealed class ResultsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings)
    {
        services.AddScoped<ResultsAccess>().AddScoped<ValueRules>().AddScoped<IndicatorRules>().AddScoped<IndicatorPeriods>().AddScoped<IndicatorViews>()
            .AddScoped<IndicatorDetails>().AddScoped<PlanRules>().AddScoped<PlanViews>().AddScoped<IndicatorComputer>().AddScoped<ResultsExchange>();
        services.AddScoped<IDemoContribution, ResultsDemo>();
        services.AddScoped<ResultsDemoAssessment>();
        services.AddAssessments();
        services.AddScoped<PublicResults>().AddSettings<PublicResultsSettings>();
        services.AddSettings<ResultsSettings>();
        services.AddHostedService<ResultsComputeService>();
        services.AddScoped<Platform.Measures.IMeasureUses, IndicatorMeasureUses>();
    }

    public void MapApi(RouteGroupBuilder api) => api.MapIndicatorsApi().MapPlansApi().MapResultsExchangeApi().MapAssessmentsApi().MapPublicResultsApi().MapCategoryListsApi()
        .MapIndicatorMapApi();

    public void AddCommands(CliCommands commands) => ResultsCommands.AddTo(commands);
}
