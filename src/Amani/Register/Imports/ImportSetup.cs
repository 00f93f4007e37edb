namespace Amani.Register.Imports;

public static class ImportSetup
{
    /// <summary>The import pipeline (shared by the command line, the demo and API jobs); one per scope, as it writes through the scope's DbContext.</summary>
    public static IServiceCollection AddImports(this IServiceCollection services) =>
        services.AddScoped<ImportBatchWriter>().AddScoped<IncidentImporter>();
}
