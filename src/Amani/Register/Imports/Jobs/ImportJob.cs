using Amani.Platform.Audit;
namespace Amani.Register.Imports.Jobs;

public enum ImportJobStatus { Queued, Running, Succeeded, Failed, Cancelled }

/// <summary>
/// An import an administrator uploaded through the API, run in the background by <see cref="ImportJobRunner"/>.
/// Status runs queued → running → succeeded | failed | cancelled. While running, the row carries a lease (the node that
/// runs it and until when): a node that dies stops renewing it, and once it has lapsed another node re-runs the job —
/// imports are idempotent by external id, so the re-run completes what the first run began.
/// </summary>
public sealed class ImportJob
{
    /// <summary>What audit rows about these records name (<c>import_job</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("import_job");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The dataset: <c>ucdp-ged</c>, <c>acled</c>, <c>areas</c> or <c>views-cm</c> (see <see cref="ImportKind"/>).</summary>
    public required string Kind { get; set; }
    /// <summary>The mission imported into; null for reference data (<c>views-cm</c>).</summary>
    public Guid? MissionId { get; set; }
    /// <summary>The administrative level of a boundary file (<c>areas</c> only).</summary>
    public int? Level { get; set; }
    /// <summary>The uploaded file's name, cleaned of directories and control characters (for people; the file is stored under the job's id).</summary>
    public required string FileName { get; set; }
    public long SizeBytes { get; set; }
    public ImportJobStatus Status { get; set; }
    /// <summary>An administrator asked to cancel the running job; the node running it stops at its next progress write.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>Progress of the current run: bytes of the upload read, rows read and rejected so far, speed and ETA.</summary>
    public long BytesRead { get; set; }
    public long RowsRead { get; set; }
    public double RowsPerSecond { get; set; }
    public int? EtaSeconds { get; set; }
    public DateTime? ProgressAt { get; set; }

    /// <summary>The outcome of the last run (set when it succeeded; read and rejected also while it runs).</summary>
    public long RowsInserted { get; set; }
    public long RowsUpdated { get; set; }
    public long RowsUnchanged { get; set; }
    public long RowsRejected { get; set; }
    /// <summary>How the file was decoded (utf-8 or iso-8859-1), for CSV imports.</summary>
    public string? Encoding { get; set; }
    /// <summary>Why the job failed, for a person.</summary>
    public string? Error { get; set; }

    public Guid RequestedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the current (or last) run began; a re-run after a lapsed lease starts afresh.</summary>
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>How many times a node claimed the job (more than one: a node stopped or died while running it).</summary>
    public int Attempts { get; set; }
    /// <summary>The node running the job (<see cref="ImportJobSettings.NodeName"/>) and until when its claim holds.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }

    public bool IsFinished => Status is ImportJobStatus.Succeeded or ImportJobStatus.Failed or ImportJobStatus.Cancelled;
}
