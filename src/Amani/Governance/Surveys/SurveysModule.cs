using Amani.Governance.Surveys.Measures;
using Amani.Governance.Surveys.OpenRosa;
using Amani.Governance.Surveys.Preview;
using Amani.Governance.Surveys.Rounds;
using Amani.Governance.Surveys.Submissions;
using Amani.Governance.Surveys.Versions;
using Amani.Platform.Cli;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Governance.Surveys;

/// <summary>Registers the surveys (forms, app users, the OpenRosa server, submissions, the form preview): see <see cref="IAmaniModule"/>.</summary>
public sealed class SurveysModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings)
    {
        services.AddScoped<SurveyAccess>().AddScoped<SurveyBook>().AddScoped<SurveyQueries>().AddScoped<FormImports>().AddScoped<AppUsers>()
            .AddSingleton<OpenRosaLinks>().AddScoped<OpenRosaForms>().AddScoped<OpenRosaCallers>().AddSingleton<AppUserCache>().AddSingleton<VersionFactsCache>().AddScoped<SubmissionReader>();
        services.AddSingleton<SubmissionTargetCache>().AddSingleton<SurveyFormChanges>().AddSingleton<SurveyFormCommits>();
        services.ConfigureDbContext<AmaniDbContext>((provider, options) => options.AddInterceptors(
            provider.GetRequiredService<SurveyFormChanges>(), provider.GetRequiredService<SurveyFormCommits>()));
        services.AddSingleton<SubmissionIntake>().AddHostedService(s => s.GetRequiredService<SubmissionIntake>());
        services.AddSingleton<IStartupFilter, OpenRosaHeaders>();
        services.AddScoped<SubmissionsAccess>().AddScoped<SubmissionRows>().AddScoped<SubmissionReviews>();
        services.AddScoped<RoundBook>().AddScoped<RoundData>().AddScoped<RoundAnalyst>().AddScoped<RoundAccess>().AddSingleton<RoundCache>();
        services.AddScoped<PointStrata>();
        services.AddScoped<Platform.Measures.IMeasureSource, SurveyMeasures>();
        services.AddScoped<SurveyMeasureBook>();
        services.AddScoped<Foundation.Demo.IDemoContribution, Demo.SurveyDemo>();
    }

    public void MapApi(RouteGroupBuilder api) => api.MapSurveysApi().MapOpenRosaApi().MapSurveyPreviewApi().MapSubmissionsApi().MapSubmissionVersionsApi().MapRoundsApi().MapPublicRoundsApi().MapSurveyMeasuresApi();

    public void AddCommands(CliCommands commands) => SurveyCommands.AddTo(commands);
}
