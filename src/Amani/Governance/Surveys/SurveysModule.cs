using Amani.Governance.Surveys.OpenRosa;
using Amani.Governance.Surveys.Preview;
using Amani.Governance.Surveys.Rounds;
using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Governance.Surveys;

/// <summary>Registers the surveys (forms, app users, the OpenRosa server, submissions, the form preview): see <see cref="IAmaniModule"/>.</summary>
public sealed class SurveysModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings)
    {
        services.AddScoped<SurveyAccess>().AddScoped<SurveyBook>().AddScoped<SurveyQueries>().AddScoped<FormImports>().AddScoped<AppUsers>()
            .AddSingleton<OpenRosaLinks>().AddScoped<OpenRosaForms>().AddScoped<SubmissionReader>();
        services.AddSingleton<SubmissionIntake>().AddHostedService(s => s.GetRequiredService<SubmissionIntake>());
        services.AddSingleton<IStartupFilter, OpenRosaHeaders>();
        services.AddScoped<RoundBook>().AddScoped<RoundData>().AddScoped<RoundAnalyst>().AddScoped<RoundAccess>().AddSingleton<RoundCache>();
    }

    public void MapApi(RouteGroupBuilder api) => api.MapSurveysApi().MapOpenRosaApi().MapSurveyPreviewApi().MapRoundsApi().MapPublicRoundsApi();

    public void AddCommands(CliCommands commands) => SurveyCommands.AddTo(commands);
}
