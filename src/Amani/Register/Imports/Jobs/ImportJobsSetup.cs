using Amani.Platform.Hosting.Settings;
namespace Amani.Register.Imports.Jobs;

public static class ImportJobsSetup
{
    /// <summary>Import jobs: settings from the configuration (a later registration, e.g. a test's, replaces them) and the runner.</summary>
    public static IServiceCollection AddImportJobs(this IServiceCollection services)
    {
        services.AddSettings<ImportJobSettings>();
        services.AddSingleton<ImportJobFiles>();
        services.AddScoped<ImportJobLeases>();
        services.AddScoped<ImportJobExecution>();
        services.AddSingleton<ImportKinds>();
        services.AddSingleton<ImportKind>(new IncidentImportKind(GedMapper.SourceName, "UCDP GED events (CSV)", () => new GedMapper()));
        services.AddSingleton<ImportKind>(new IncidentImportKind(AcledMapper.SourceName, "ACLED events (CSV)", () => new AcledMapper()));
        services.AddSingleton<ImportKind, AreaImportKind>();
        services.AddSingleton<ImportJobRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<ImportJobRunner>());
        return services;
    }
}
