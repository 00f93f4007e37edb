namespace Amani.Forecasting;

public static class ForecastingSetup
{
    /// <summary>Reference data for forecasting: the country-month importer (one per scope, it writes through the scope's DbContext).</summary>
    public static IServiceCollection AddForecasting(this IServiceCollection services) =>
        services.AddScoped<CountryMonthWriter>().AddScoped<CountryMonthImporter>();
}
