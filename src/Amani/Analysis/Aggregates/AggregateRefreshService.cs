using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Aggregates;

/// <summary>
/// Keeps the aggregates up to date as incidents arrive: polls for stale slices (every
/// <see cref="AggregateSettings.RefreshInterval"/>) and refreshes them, mission by mission. Every node runs it; the
/// per-mission lock in <see cref="AggregateRefresher"/> makes that safe, and the readers of the aggregates refresh the
/// mission they read first anyway, so a reader never sees a change older than its own request.
/// </summary>
public sealed class AggregateRefreshService(IServiceScopeFactory scopes, AggregateSettings settings, TimeProvider clock,
    ILogger<AggregateRefreshService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.RefreshInterval, clock);
        do
            await RefreshSafelyAsync(stoppingToken);
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RefreshSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var refresher = scope.ServiceProvider.GetRequiredService<AggregateRefresher>();
            foreach (var mission in await refresher.MissionsWithStaleSlicesAsync(stoppingToken))
            {
                var outcome = await refresher.RefreshAsync(mission, stoppingToken);
                if (outcome.Months != 0)
                    logger.LogInformation("Aggregates of mission {MissionId} refreshed: {Months} month(s), {AreaRows} area and {CellRows} cell rows in {ElapsedMs} ms",
                        mission, outcome.Months?.ToString() ?? "all", outcome.AreaRows, outcome.CellRows, (long)outcome.Elapsed.TotalMilliseconds);
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a cancelled database call surfaces in several exception types. The markers stay for the next start.
        }
        catch (Exception exception) when (DatabaseErrors.IsTransient(exception))
        {
            logger.LogError(exception, "The aggregates could not be refreshed; they are tried again at the next poll");
        }
    }
}

/// <summary>How often stale aggregates are looked for (<c>AMANI_AGGREGATES_REFRESH_SECONDS</c>, default 2).</summary>
public sealed record AggregateSettings
{
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><see cref="RefreshInterval"/> in seconds, as the variable gives it.</summary>
    [ConfigurationKeyName("AMANI_AGGREGATES_REFRESH_SECONDS"), System.ComponentModel.DataAnnotations.Range(0.1, 3600)]
    public double RefreshIntervalSeconds
    {
        get => RefreshInterval.TotalSeconds;
        init => RefreshInterval = TimeSpan.FromSeconds(value);
    }
}
