namespace Amani.Register.Imports.Jobs;

/// <summary>How far the current run got. <see cref="Percent"/> is of the file's bytes; the ETA extrapolates from the speed so far.</summary>
public sealed record ImportJobProgress(double Percent, long BytesRead, long BytesTotal, long RowsRead, double RowsPerSecond, int? EtaSeconds,
    DateTime? UpdatedAt);

/// <summary>Rows (features, for boundaries) of the last run. Read = inserted + updated + unchanged + rejected once it succeeded.</summary>
public sealed record ImportJobCounts(long Read, long Inserted, long Updated, long Unchanged, long Rejected);

/// <summary>The node that runs the job and until when its claim holds (while running).</summary>
public sealed record ImportJobLease(string Owner, DateTime ExpiresAt);

public sealed record ImportJobLinks(string Self, string? Rejects, string? Cancel);

/// <summary>An import job as the API shows it; poll <see cref="ImportJobLinks.Self"/> until <see cref="Finished"/>.</summary>
public sealed record ImportJobResponse(Guid Id, string Kind, string? Mission, int? Level, string FileName, long SizeBytes, ImportJobStatus Status,
    bool Finished, bool CancelRequested, ImportJobProgress Progress, ImportJobCounts Counts, string? Encoding, string? Error, Guid RequestedBy,
    DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt, int Attempts, ImportJobLease? Lease, ImportJobLinks Links)
{
    public static ImportJobResponse Of(ImportJob job, string? missionCode)
    {
        var self = $"/api/v1/imports/{job.Id}";
        var percent = job.Status == ImportJobStatus.Succeeded ? 100
            : job.SizeBytes == 0 ? 0 : Math.Round(100.0 * Math.Min(job.BytesRead, job.SizeBytes) / job.SizeBytes, 1);
        return new ImportJobResponse(job.Id, job.Kind, missionCode, job.Level, job.FileName, job.SizeBytes, job.Status, job.IsFinished,
            job.CancelRequested,
            new ImportJobProgress(percent, job.BytesRead, job.SizeBytes, job.RowsRead, Math.Round(job.RowsPerSecond, 1), job.EtaSeconds, job.ProgressAt),
            new ImportJobCounts(job.RowsRead, job.RowsInserted, job.RowsUpdated, job.RowsUnchanged, job.RowsRejected),
            job.Encoding, job.Error, job.RequestedBy, job.CreatedAt, job.StartedAt, job.FinishedAt, job.Attempts,
            job is { Status: ImportJobStatus.Running, LeaseOwner: { } owner, LeaseExpiresAt: { } until } ? new ImportJobLease(owner, until) : null,
            new ImportJobLinks(self, job.IsFinished && job.StartedAt is not null ? $"{self}/rejects.csv" : null, job.IsFinished ? null : $"{self}/cancel"));
    }
}

/// <summary>A page of jobs, newest first; <see cref="NextOffset"/> asks for the next page.</summary>
public sealed record ImportJobPage(IReadOnlyList<ImportJobResponse> Items, int? NextOffset);
