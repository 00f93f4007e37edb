namespace Amani.Analysis.Alerts;

/// <summary>
/// Runs <see cref="AlertEngine"/> at start, every <see cref="AlertSettings.EvaluationInterval"/> for every mission, and
/// shortly after a <see cref="AlertNudge"/> for the nudged missions. Overdue alerts are escalated at every pass.
/// </summary>
public sealed class AlertScheduler(AlertEngine engine, AlertNudge nudge, AlertSettings settings, TimeProvider clock, ILogger<AlertScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastFullPass = (long?)null; // the clock's timestamp of the last full pass; none yet
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var full = lastFullPass is not { } last || clock.GetElapsedTime(last) >= settings.EvaluationInterval;
                IReadOnlyCollection<Guid>? missions = null;
                if (full)
                {
                    lastFullPass = clock.GetTimestamp();
                    nudge.Take(); // a full pass covers them
                }
                else
                {
                    await Task.Delay(settings.NudgeDelay, clock, stoppingToken);
                    missions = nudge.Take();
                }
                await engine.RunAsync(missions, stoppingToken);
                var wait = settings.EvaluationInterval - clock.GetElapsedTime(lastFullPass!.Value);
                if (wait > TimeSpan.Zero)
                    await nudge.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: a cancelled database call surfaces in several exception types.
                logger.LogDebug(exception, "Alert pass cancelled by shutdown");
                return;
            }
            catch (Exception exception) when (exception is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException
                                                  or InvalidOperationException or TimeoutException)
            {
                logger.LogError(exception, "The alert pass failed; it is tried again at the next one");
                lastFullPass = clock.GetTimestamp();
            }
        }
    }
}
