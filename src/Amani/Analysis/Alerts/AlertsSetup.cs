using Amani.Platform.FollowUps;
using Amani.Platform.Hosting.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;

using Amani.Platform.Records;

namespace Amani.Analysis.Alerts;

public static class AlertsSetup
{
    /// <summary>
    /// Alert rules, their evaluation (scheduled and nudged), escalation, and the CAP feed. Forecast rules read
    /// <see cref="IForecastProbabilities"/>; until forecasting registers its own, <see cref="NoForecastsYet"/> answers.
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSettings<AlertSettings>();
        services.TryAddSingleton<IForecastProbabilities, NoForecastsYet>();
        services.AddSingleton<AlertNudge>();
        services.AddSingleton<IMissionDataObserver>(provider => provider.GetRequiredService<AlertNudge>());
        services.AddSingleton<AlertEngine>();
        services.AddHostedService<AlertScheduler>();
        services.AddScoped<RuleEvaluator>();
        services.AddScoped<AlertRaiser>();
        services.AddScoped<AlertEscalation>();
        services.AddScoped<IFollowUpEscalator>(provider => provider.GetRequiredService<AlertEscalation>());
        services.AddScoped<AlertFollowUps>();
        services.AddSingleton(new RecordKind(Alert.AuditEntity.Name, AlertFollowUps.Module, (code, id) => $"/missions/{code}/alerts?alert={id}", typeof(Alert)));
        services.AddScoped<AlertNotifier>();
        services.AddScoped<AlertRuleEditor>();
        services.AddScoped<AlertResponder>();
        services.AddScoped<Platform.Measures.IMeasureSource, AlertMeasures>();
        return services;
    }
}
