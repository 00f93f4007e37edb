using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Imports.Jobs;

/// <summary>A run's view of its progress, written to the job's row with each lease renewal.</summary>
public readonly record struct ImportJobProgressSnapshot(long BytesRead, long RowsRead, long RowsRejected, double RowsPerSecond, int? EtaSeconds);

public enum LeaseRenewal { Renewed, CancelRequested, Lost }

/// <summary>
/// Who runs which job, decided by conditional updates on the job's row — never a read followed by a write: a claim
/// sets the lease only <c>WHERE</c> the job is still queued (or running under a lapsed lease), so of two nodes that race
/// for a job exactly one updates a row; every later write of a run is conditional on its own lease owner, so a node
/// that lost its lease (it stalled past the expiry and another node took over) cannot overwrite the new run. These are
/// a job's bookkeeping, not changes of the product's data: they are not audited (queuing and cancelling are).
/// </summary>
public sealed class ImportJobLeases(AmaniDbContext db, ImportJobSettings settings, TimeProvider clock)
{
    private DbSet<ImportJob> Jobs => db.Set<ImportJob>();

    private DateTime Now => AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Claims the oldest job that is queued or whose runner's lease lapsed, as <paramref name="node"/>; null when none is
    /// waiting. The returned job carries the claim's own lease owner (<c>node/claim</c>), which the run's later writes name.
    /// </summary>
    public async Task<ImportJob?> ClaimNextAsync(string node, CancellationToken cancellationToken)
    {
        var now = Now;
        var candidates = await Jobs.AsNoTracking()
            .Where(j => !j.CancelRequested && (j.Status == ImportJobStatus.Queued || (j.Status == ImportJobStatus.Running && j.LeaseExpiresAt < now)))
            .OrderBy(j => j.CreatedAt).ThenBy(j => j.Id).Select(j => j.Id).Take(5).ToListAsync(cancellationToken);
        foreach (var id in candidates)
            if (await TryClaimAsync(id, node, cancellationToken) is { } claimed)
                return claimed;
        return null;
    }

    /// <summary>Claims job <paramref name="id"/> if it is still claimable; null when another node was first (or it is not waiting).</summary>
    public async Task<ImportJob?> TryClaimAsync(Guid id, string node, CancellationToken cancellationToken)
    {
        var now = Now;
        var owner = $"{node}/{Guid.NewGuid().ToString("N")[..8]}";
        var until = now + settings.Lease;
        var claimed = await Jobs
            .Where(j => j.Id == id && !j.CancelRequested &&
                        (j.Status == ImportJobStatus.Queued || (j.Status == ImportJobStatus.Running && j.LeaseExpiresAt < now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportJobStatus.Running)
                .SetProperty(j => j.LeaseOwner, owner)
                .SetProperty(j => j.LeaseExpiresAt, until)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                .SetProperty(j => j.StartedAt, now)
                .SetProperty(j => j.BytesRead, 0L)
                .SetProperty(j => j.RowsRead, 0L)
                .SetProperty(j => j.RowsRejected, 0L)
                .SetProperty(j => j.RowsPerSecond, 0.0)
                .SetProperty(j => j.EtaSeconds, (int?)null)
                .SetProperty(j => j.ProgressAt, now), cancellationToken);
        return claimed == 1 ? await Jobs.AsNoTracking().FirstAsync(j => j.Id == id, cancellationToken) : null;
    }

    /// <summary>Writes the run's progress and extends its lease; says whether cancellation was asked for or the lease was lost.</summary>
    public async Task<LeaseRenewal> RenewAsync(Guid id, string owner, ImportJobProgressSnapshot progress, CancellationToken cancellationToken)
    {
        var now = Now;
        var until = now + settings.Lease;
        var renewed = await Mine(id, owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.LeaseExpiresAt, until)
            .SetProperty(j => j.BytesRead, progress.BytesRead)
            .SetProperty(j => j.RowsRead, progress.RowsRead)
            .SetProperty(j => j.RowsRejected, progress.RowsRejected)
            .SetProperty(j => j.RowsPerSecond, progress.RowsPerSecond)
            .SetProperty(j => j.EtaSeconds, progress.EtaSeconds)
            .SetProperty(j => j.ProgressAt, now), cancellationToken);
        if (renewed == 0)
            return LeaseRenewal.Lost;
        return await Jobs.Where(j => j.Id == id).Select(j => j.CancelRequested).FirstAsync(cancellationToken)
            ? LeaseRenewal.CancelRequested
            : LeaseRenewal.Renewed;
    }

    /// <summary>Records a successful run's counts; false when the lease was lost meanwhile (another run owns the job).</summary>
    public async Task<bool> SucceedAsync(Guid id, string owner, ImportSummary summary, CancellationToken cancellationToken)
    {
        var now = Now;
        return await Mine(id, owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, ImportJobStatus.Succeeded)
            .SetProperty(j => j.BytesRead, j => j.SizeBytes)
            .SetProperty(j => j.RowsRead, summary.Read)
            .SetProperty(j => j.RowsInserted, summary.Inserted)
            .SetProperty(j => j.RowsUpdated, summary.Updated)
            .SetProperty(j => j.RowsUnchanged, summary.Unchanged)
            .SetProperty(j => j.RowsRejected, summary.Rejected)
            .SetProperty(j => j.RowsPerSecond, Math.Round(summary.RowsPerSecond, 1))
            .SetProperty(j => j.EtaSeconds, 0)
            .SetProperty(j => j.ProgressAt, now)
            .SetProperty(j => j.Encoding, summary.Encoding)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null), cancellationToken) == 1;
    }

    /// <summary>Ends a run as failed (with <paramref name="error"/>) or cancelled; false when the lease was lost meanwhile.</summary>
    public async Task<bool> EndAsync(Guid id, string owner, ImportJobStatus status, string? error, CancellationToken cancellationToken)
    {
        var now = Now;
        var text = error is { Length: > ImportJobLimits.Error } ? error[..(ImportJobLimits.Error - 1)] + "…" : error;
        return await Mine(id, owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.Error, text)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.EtaSeconds, (int?)null)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null), cancellationToken) == 1;
    }

    /// <summary>Hands a job back to the queue (this node is shutting down), so that another node — or this one, restarted — runs it at once.</summary>
    public async Task<bool> ReleaseAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        await Mine(id, owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, ImportJobStatus.Queued)
            .SetProperty(j => j.EtaSeconds, (int?)null)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null), cancellationToken) == 1;

    /// <summary>
    /// Jobs whose cancellation was asked for while their node died (it can no longer act on it): cancelled now, once
    /// the lease lapsed. Returns their ids, whose uploads the caller deletes.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> CancelOrphansAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var orphans = await Jobs.AsNoTracking()
            .Where(j => j.CancelRequested && j.Status == ImportJobStatus.Running && j.LeaseExpiresAt < now).Select(j => j.Id).ToListAsync(cancellationToken);
        var cancelled = new List<Guid>();
        foreach (var id in orphans)
            if (await Jobs.Where(j => j.Id == id && j.Status == ImportJobStatus.Running && j.LeaseExpiresAt < now).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, ImportJobStatus.Cancelled)
                    .SetProperty(j => j.FinishedAt, now)
                    .SetProperty(j => j.EtaSeconds, (int?)null)
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null), cancellationToken) == 1)
                cancelled.Add(id);
        return cancelled;
    }

    private IQueryable<ImportJob> Mine(Guid id, string owner) =>
        Jobs.Where(j => j.Id == id && j.Status == ImportJobStatus.Running && j.LeaseOwner == owner);
}
