using Amani.Platform.Hosting;
using Amani.Platform.Hosting.Settings;
using Amani.Platform.Modules;
using Amani.Platform.Records;

namespace Amani.Platform.FollowUps;

/// <summary>
/// Registers follow-ups — something owed by a date, for every module: the book (create, change, move, evidence), the
/// engine and its schedule (reminders, escalations), the API and the record kinds registry: see <see cref="IAmaniModule"/>.
/// </summary>
public sealed class FollowUpsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings)
    {
        services.AddSettings<FollowUpSettings>();
        services.AddSingleton<RecordKinds>();
        services.AddScoped<FollowUpAccess>();
        services.AddScoped<FollowUpBook>();
        services.AddScoped<FollowUpQueries>();
        services.AddScoped<FollowUpEvidenceFiles>();
        services.AddSingleton<FollowUpEngine>();
        services.AddScoped<PassCache>();
        services.AddScoped<Measures.IMeasureSource, FollowUpMeasures>();
        services.AddHostedService<FollowUpScheduler>();
    }

    public void MapApi(RouteGroupBuilder api) => api.MapFollowUpsApi();
}
