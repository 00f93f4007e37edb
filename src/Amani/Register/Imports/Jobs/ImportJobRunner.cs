using System.Data.Common;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Imports.Jobs;

/// <summary>
/// Runs queued import jobs, one at a time per node. A job uploaded to this node starts at once (<see cref="Wake"/>);
/// jobs uploaded elsewhere and jobs whose node died (their lease lapsed) are found by polling every
/// <see cref="ImportJobSettings.PollInterval"/>. While a job runs, a heartbeat writes its progress to the row about once
/// per <see cref="ImportJobSettings.ProgressInterval"/>, renewing the lease and checking for cancellation; if the lease
/// was lost the run stops without writing anything more. On shutdown a running job is handed back to the queue.
/// </summary>
/// <param name="hook">Optional, for tests: sees every progress report of a run (see <see cref="IImportJobProgressHook"/>); none in production.</param>
public sealed class ImportJobRunner(IServiceScopeFactory scopes, ImportJobSettings settings, ImportJobFiles files, TimeProvider clock,
    ILogger<ImportJobRunner> logger, IImportJobProgressHook? hook = null) : BackgroundService
{
    private enum Stop { None, CancelRequested, LeaseLost }

    private static readonly TimeSpan HardStopGrace = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Looks for work now instead of at the next poll (a job was just queued on this node).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
            _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.RunJobs)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunWaitingSafelyAsync(stoppingToken);
            try
            {
                await _wake.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunWaitingSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested && await RunNextAsync(stoppingToken)) { }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a cancelled database call surfaces in several exception types.
        }
        catch (Exception exception) when (DatabaseErrors.IsTransient(exception))
        {
            logger.LogWarning(exception, "Import jobs could not be claimed; trying again at the next poll");
        }
    }

    /// <summary>Claims the oldest waiting job and runs it to its end; false when no job was waiting.</summary>
    public async Task<bool> RunNextAsync(CancellationToken stoppingToken)
    {
        ImportJob? job;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var leases = scope.ServiceProvider.GetRequiredService<ImportJobLeases>();
            foreach (var orphan in await leases.CancelOrphansAsync(stoppingToken))
                files.DeleteUpload(orphan);
            job = await leases.ClaimNextAsync(settings.NodeName, stoppingToken);
        }
        if (job is null)
            return false;
        await RunAsync(job, stoppingToken);
        return true;
    }

    private async Task RunAsync(ImportJob job, CancellationToken stoppingToken)
    {
        var owner = job.LeaseOwner!;
        logger.LogInformation("Import job {JobId} ({Kind}, {Bytes} bytes) started on {Owner}, attempt {Attempt}", job.Id, job.Kind, job.SizeBytes,
            owner, job.Attempts);
        // Stopping is cooperative: the progress callback, which the importers call every few hundred rows on the reading
        // thread, throws once the run is to stop, and the importer unwinds as when it is cancelled (committed batches stay,
        // a batch in flight rolls back). The importers' database calls get their cancellation only when a shutdown is not
        // heeded within HardStopGrace: the country-month importer commits on the reading thread, so a callback never
        // interrupts its commit.
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var hardStop = new CancellationTokenSource();
        await using var shutdown = stoppingToken.Register(() => hardStop.CancelAfter(HardStopGrace));
        using var heartbeatStop = new CancellationTokenSource();
        var meter = new ImportJobProgressMeter(clock);
        var heartbeat = HeartbeatAsync(job.Id, owner, meter, run, heartbeatStop.Token);
        Result<ImportSummary>? result = null;
        string? unexpected = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
            (actor.Actor, actor.RequestId) = ($"user:{job.RequestedBy} import-job:{job.Id}", job.Id.ToString("N"));
            result = await scope.ServiceProvider.GetRequiredService<ImportJobExecution>().RunAsync(job, progress =>
            {
                meter.Report(progress);
                hook?.OnProgress(job.Id, progress, run.Token);
                if (progress.Bytes < progress.TotalBytes) // once the whole file is read, the import is finishing: too late to stop
                    run.Token.ThrowIfCancellationRequested();
            }, hardStop.Token);
        }
        catch (Exception) when (run.IsCancellationRequested)
        {
            // Cancelled, lease lost or shutting down: decided below from the heartbeat's verdict and the stopping token.
        }
        catch (Exception exception)
        {
            // A bug or a broken database: the job fails with a message a person can act on, and the server keeps running.
            logger.LogError(exception, "Import job {JobId} stopped on an unexpected error", job.Id);
            unexpected = $"The import stopped on an unexpected error after {meter.Snapshot().RowsRead:N0} rows ({exception.GetType().Name}). " +
                         "The batches committed before it are kept; uploading the file again completes the import. " +
                         $"The server log has the details under job {job.Id}.";
        }
        await heartbeatStop.CancelAsync();
        var stop = await heartbeat;
        await FinishAsync(job, owner, result, unexpected, stop, stoppingToken.IsCancellationRequested);
    }

    private async Task FinishAsync(ImportJob job, string owner, Result<ImportSummary>? result, string? unexpected, Stop stop, bool shuttingDown)
    {
        if (stop == Stop.LeaseLost)
        {
            logger.LogWarning("Import job {JobId}: this node lost its lease (it stalled past the expiry); another node runs the job now", job.Id);
            return;
        }
        // Not the stopping token: the outcome must be recorded even while the server shuts down.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var scope = scopes.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<ImportJobLeases>();
        bool ended;
        if (result is { Succeeded: true, Value: var summary })
        {
            ended = await leases.SucceedAsync(job.Id, owner, summary!, timeout.Token);
            logger.LogInformation("Import job {JobId} succeeded: {Read} read, {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected",
                job.Id, summary!.Read, summary.Inserted, summary.Updated, summary.Unchanged, summary.Rejected);
        }
        else if (result is { Succeeded: false } || unexpected is not null)
        {
            ended = await leases.EndAsync(job.Id, owner, ImportJobStatus.Failed, unexpected ?? result!.Error, timeout.Token);
            logger.LogInformation("Import job {JobId} failed: {Error}", job.Id, unexpected ?? result!.Error);
        }
        else if (stop == Stop.CancelRequested)
        {
            ended = await leases.EndAsync(job.Id, owner, ImportJobStatus.Cancelled, null, timeout.Token);
            logger.LogInformation("Import job {JobId} cancelled", job.Id);
        }
        else if (shuttingDown)
        {
            await leases.ReleaseAsync(job.Id, owner, timeout.Token);
            logger.LogInformation("Import job {JobId} handed back to the queue: this node is shutting down", job.Id);
            return;
        }
        else
            throw new InvalidOperationException($"Import job {job.Id} ended without a result, a cancellation or a shutdown.");
        if (ended)
            files.DeleteUpload(job.Id);
    }

    /// <summary>Writes progress and renews the lease until <paramref name="stop"/>; cancels <paramref name="run"/> when asked to or when the lease is lost.</summary>
    private async Task<Stop> HeartbeatAsync(Guid id, string owner, ImportJobProgressMeter meter, CancellationTokenSource run, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await Task.Delay(settings.ProgressInterval, clock, stop);
                await using var scope = scopes.CreateAsyncScope();
                var renewal = await scope.ServiceProvider.GetRequiredService<ImportJobLeases>().RenewAsync(id, owner, meter.Snapshot(), stop);
                if (renewal == LeaseRenewal.Renewed)
                    continue;
                await run.CancelAsync();
                return renewal == LeaseRenewal.Lost ? Stop.LeaseLost : Stop.CancelRequested;
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return Stop.None;
            }
            catch (Exception exception) when (DatabaseErrors.IsTransient(exception))
            {
                // The lease lasts several heartbeats: a passing database error is tried again; a lasting one ends in a lost lease.
                logger.LogWarning(exception, "Import job {JobId}: progress could not be written", id);
            }
        }
    }
}
