using Amani.Foundation.Areas.Geo;

namespace Amani.Register.Reporting;

public static class ReportingSetup
{
    public static IServiceCollection AddReporting(this IServiceCollection services)
    {
        services.AddSingleton<AreaResolver>();
        services.AddSingleton<PublicMissions>();
        services.AddSingleton<ContactProtection>();
        services.AddSingleton<ReportIntake>();
        services.AddHostedService(provider => provider.GetRequiredService<ReportIntake>());
        services.AddScoped<ReportSubmission>();
        services.AddScoped<ReportTriage>();
        services.AddScoped<TriageQueue>();
        services.AddScoped<ReportPhotos>();
        return services;
    }
}
