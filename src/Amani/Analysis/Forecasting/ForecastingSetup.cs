using Amani.Platform.Hosting.Settings;
using Amani.Analysis.Forecasting.Missions;

namespace Amani.Analysis.Forecasting;

public static class ForecastingSetup
{
    /// <summary>
    /// Reference data for forecasting (the country-month importer), and the mission forecasts: the two series
    /// sources (country-months, incidents by admin-1 area), the generator, the scorer and their hourly schedule.
    /// </summary>
    public static IServiceCollection AddForecasting(this IServiceCollection services)
    {
        services.AddScoped<CountryMonthWriter>().AddScoped<CountryMonthImporter>();
        services.AddScoped<CountryMonthSeries>().AddScoped<Admin1MonthSeries>();
        services.AddScoped<IMissionSeriesSource>(provider => provider.GetRequiredService<CountryMonthSeries>());
        services.AddScoped<IMissionSeriesSource>(provider => provider.GetRequiredService<Admin1MonthSeries>());
        services.AddScoped<ForecastGenerator>().AddScoped<ForecastScorer>();
        services.AddScoped<Alerts.IForecastProbabilities, StoredForecastProbabilities>(); // forecast alert rules read the stored forecasts
        services.AddSettings<ForecastSettings>();
        services.AddSingleton<ForecastScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<ForecastScheduler>());
        return services;
    }
}
