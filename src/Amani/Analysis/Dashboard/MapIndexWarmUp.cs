using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Missions;

namespace Amani.Analysis.Dashboard;

/// <summary>
/// Loads every mission's <see cref="MapPointIndex"/> in the background when the server starts, so that the first
/// dashboard after a start or deployment does not wait for a million rows to be read (6–9 s per million incidents on
/// SQLite on a quiet 2-core machine, about 15 s under bench/web.sh's load). A request that comes while its mission is loading waits for that load (the
/// index's per-mission gate) instead of starting a second one. A failure only costs the warm-up: the first request
/// then loads the mission as before.
/// </summary>
public sealed class MapIndexWarmUp(IServiceScopeFactory scopes, MapPointIndex index, ILogger<MapIndexWarmUp> logger) : BackgroundService
{
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every mission that existed at the start is loaded (or the warm-up gave up).</summary>
    public Task Completed => _completed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // never delay the server's start
        try
        {
            List<Guid> missions;
            await using (var scope = scopes.CreateAsyncScope())
                missions = await scope.ServiceProvider.GetRequiredService<AmaniDbContext>().Missions.AsNoTracking().Select(m => m.Id).ToListAsync(stoppingToken);
            foreach (var mission in missions)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var snapshot = await index.CurrentAsync(mission, stoppingToken);
                logger.LogInformation("Map index of mission {MissionId} loaded: {Points} incidents in {ElapsedMs} ms", mission, snapshot.Points.Length,
                    clock.ElapsedMilliseconds);
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception exception) when (DatabaseErrors.IsTransient(exception))
        {
            logger.LogWarning(exception, "The map index could not be warmed up; each mission loads at its first map request");
        }
        finally
        {
            _completed.TrySetResult();
        }
    }
}
