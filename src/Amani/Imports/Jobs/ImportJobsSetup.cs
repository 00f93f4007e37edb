using Amani.Hosting.Settings;
namespace Amani.Imports.Jobs;

public static class ImportJobsSetup
{
    /// <summary>Import jobs: settings from the configuration (a later registration, e.g. a test's, replaces them) and the runner.</summary>
    public static IServiceCollection AddImportJobs(this IServiceCollection services)
    {
        services.AddSettings<ImportJobSettings>();
        services.AddSingleton<ImportJobFiles>();
        services.AddScoped<ImportJobLeases>();
        services.AddScoped<ImportJobExecution>();
        services.AddSingleton<ImportJobRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<ImportJobRunner>());
        return services;
    }
}
