using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Missions;

namespace Amani.Analysis.Forecasting.Missions;

/// <summary>
/// Every <see cref="ForecastSettings.IntervalMinutes"/>, for every mission: makes the forecasts from the latest
/// complete month when they are not stored yet (once a month for admin-1 areas; when new country-month data are
/// imported for the country), and scores the stored forecasts whose month has arrived. A pass that fails is logged
/// and tried again at the next one.
/// </summary>
public sealed class ForecastScheduler(IServiceScopeFactory scopes, ForecastSettings settings, TimeProvider clock, ILogger<ForecastScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.IntervalMinutes == 0)
            return;
        try
        {
            await Task.Delay(settings.FirstPassDelay, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await PassSafelyAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromMinutes(settings.IntervalMinutes), clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PassSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PassAsync(stoppingToken);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: nothing half-written remains (each kind of forecast is stored in one transaction).
        }
        catch (Exception exception) when (DatabaseErrors.IsTransient(exception))
        {
            logger.LogError(exception, "The forecast pass failed; it is tried again at the next one");
        }
    }

    /// <summary>One pass over every mission.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        List<Amani.Foundation.Missions.Mission> missions;
        await using (var scope = scopes.CreateAsyncScope())
            missions = await scope.ServiceProvider.GetRequiredService<AmaniDbContext>().Missions.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var mission in missions)
        {
            await using var scope = scopes.CreateAsyncScope(); // audited as "system", the scope's default actor
            var made = await scope.ServiceProvider.GetRequiredService<ForecastGenerator>().GenerateAsync(mission, null, cancellationToken);
            var scored = await scope.ServiceProvider.GetRequiredService<ForecastScorer>().ScoreAsync(mission, cancellationToken);
            if (made.Sum(m => m.Stored) > 0 || scored > 0)
                logger.LogInformation("Forecasts for {Mission}: {Stored} made, {Scored} scored", mission.Code, made.Sum(m => m.Stored), scored);
        }
    }
}
