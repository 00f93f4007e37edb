using Amani.Platform.Data;
using Amani.Platform.Measures;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Computation;

/// <summary>
/// Keeps computed indicators current: after a source announces changed records (<see cref="MeasureChanges"/>; incidents
/// do once the aggregates have taken them in, within seconds), it recomputes the indicators over that source for the
/// periods touched, a short moment after the first announcement so that a burst is handled at once; and it recomputes
/// every computed indicator of every mission at start and on a schedule (<see cref="ResultsSettings.RecomputeInterval"/>),
/// which also catches what sources do not announce.
/// </summary>
public sealed class ResultsComputeService(IServiceScopeFactory scopes, MeasureChanges changes, ResultsSettings settings, TimeProvider clock,
    ILogger<ResultsComputeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextFull = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (clock.GetUtcNow() >= nextFull)
            {
                await RunSafelyAsync(scope => FullAsync(scope, stoppingToken), stoppingToken);
                nextFull = clock.GetUtcNow() + settings.RecomputeInterval;
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(nextFull - clock.GetUtcNow() is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero);
            try
            {
                await changes.Reader.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                continue; // time for the scheduled recomputation
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await Task.Delay(settings.Debounce, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default); // real time: a burst of announcements
            var pending = new Dictionary<(Guid Mission, string Source), (DateOnly? From, DateOnly? Until)>();
            while (changes.Reader.TryRead(out var change))
                pending[(change.MissionId, change.Source)] = pending.TryGetValue((change.MissionId, change.Source), out var known)
                    ? (Lower(known.From, change.From), Upper(known.Until, change.Until))
                    : (change.From, change.Until);
            foreach (var ((mission, source), (from, until)) in pending)
                await RunSafelyAsync(async scope =>
                {
                    var outcome = await scope.ServiceProvider.GetRequiredService<IndicatorComputer>().ComputeAsync(mission, source, from, until, stoppingToken);
                    if (outcome.Written + outcome.Deleted > 0)
                        logger.LogInformation("Computed indicators of mission {MissionId} over {Source} brought up to date: {Indicators} indicator(s), {Written} value(s) written, {Deleted} removed in {ElapsedMs} ms",
                            mission, source, outcome.Indicators, outcome.Written, outcome.Deleted, (long)outcome.Elapsed.TotalMilliseconds);
                }, stoppingToken);
        }
    }

    private async Task FullAsync(AsyncServiceScope scope, CancellationToken stoppingToken)
    {
        var db = scope.ServiceProvider.GetRequiredService<AmaniDbContext>();
        var missions = await db.Set<Indicator>().Where(i => i.MeasureKey != null).Select(i => i.MissionId).Distinct().ToListAsync(stoppingToken);
        foreach (var mission in missions)
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<IndicatorComputer>().ComputeAsync(mission, null, null, null, stoppingToken);
            logger.LogInformation("Computed indicators of mission {MissionId} recomputed: {Indicators} indicator(s), {Written} value(s) written, {Deleted} removed, {Unchanged} unchanged in {ElapsedMs} ms",
                mission, outcome.Indicators, outcome.Written, outcome.Deleted, outcome.Unchanged, (long)outcome.Elapsed.TotalMilliseconds);
        }
    }

    private async Task RunSafelyAsync(Func<AsyncServiceScope, Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await work(scope);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the next start recomputes everything.
        }
        catch (Exception exception) when (DatabaseErrors.IsTransient(exception))
        {
            logger.LogError(exception, "Computed indicators could not be brought up to date; they are tried again at the next change or the next scheduled pass");
        }
    }

    private static DateOnly? Lower(DateOnly? a, DateOnly? b) => a is null || b is null ? null : a < b ? a : b;

    private static DateOnly? Upper(DateOnly? a, DateOnly? b) => a is null || b is null ? null : a > b ? a : b;
}

/// <summary>When computed indicators are recomputed in full (<c>AMANI_RESULTS_RECOMPUTE_MINUTES</c>, default 60), and how long after a change announcement the update waits for others (0.5 s).</summary>
public sealed record ResultsSettings
{
    public TimeSpan RecomputeInterval { get; init; } = TimeSpan.FromMinutes(60);

    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(500);

    [ConfigurationKeyName("AMANI_RESULTS_RECOMPUTE_MINUTES"), System.ComponentModel.DataAnnotations.Range(1, 10080)]
    public double RecomputeMinutes
    {
        get => RecomputeInterval.TotalMinutes;
        init => RecomputeInterval = TimeSpan.FromMinutes(value);
    }
}
