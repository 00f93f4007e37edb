namespace Amani.Platform.FollowUps;

/// <summary>Runs <see cref="FollowUpEngine"/> every <see cref="FollowUpSettings.CheckInterval"/> (a failed pass is tried again at the next).</summary>
public sealed class FollowUpScheduler(FollowUpEngine engine, FollowUpSettings settings, TimeProvider clock, ILogger<FollowUpScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.CheckInterval, clock, stoppingToken);
                await engine.RunAsync(null, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(exception, "Follow-up pass cancelled by shutdown");
                return;
            }
            catch (Exception exception) when (exception is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException
                                                  or InvalidOperationException or TimeoutException)
            {
                logger.LogError(exception, "The follow-up pass failed; it is tried again at the next one");
            }
        }
    }
}
