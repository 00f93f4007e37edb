using System.ComponentModel.DataAnnotations;

namespace Amani.Register.Imports.Jobs;

/// <summary>Import jobs' configuration, bound from the configuration (<see cref="Hosting.Settings.SettingsBinder"/>).</summary>
public sealed record ImportJobSettings
{
    public const long DefaultMaxUploadBytes = 1024L * 1024 * 1024;

    /// <summary>The largest file the import API accepts, in bytes (<c>AMANI_IMPORT_MAX_BYTES</c>, default 1 GiB).</summary>
    [ConfigurationKeyName("AMANI_IMPORT_MAX_BYTES"), Range(typeof(long), "1", "9223372036854775807")]
    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;
    /// <summary>Whether this node runs queued jobs (<c>AMANI_IMPORT_JOBS=false</c>: it only accepts uploads; another node runs them).</summary>
    [ConfigurationKeyName("AMANI_IMPORT_JOBS")]
    public bool RunJobs { get; init; } = true;
    /// <summary>How long a node's claim on a running job holds without renewal; it is renewed with every progress write.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>How often the runner looks for queued jobs and lapsed leases (jobs uploaded to this node start at once).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How often a running job's progress is written to its row (and its lease renewed, and cancellation checked).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Rows per committed batch, as <c>--batch-size</c> of the command line.</summary>
    public int BatchSize { get; init; } = 5_000;
    /// <summary>This node's name in leases: host, process and a random suffix, so that two servers in one process differ too.</summary>
    public string NodeName { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

}
