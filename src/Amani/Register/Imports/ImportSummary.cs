namespace Amani.Register.Imports;

/// <summary>What an import did. <see cref="Read"/> = inserted + updated + unchanged + rejected.</summary>
public sealed record ImportSummary(string Source, string Mission, long Read, long Inserted, long Updated, long Unchanged, long Rejected,
    string RejectsPath, string Encoding, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Read / Elapsed.TotalSeconds : 0;
}

/// <summary>Progress as the rows stream in: rows read so far, and bytes of the file read out of its length (for an ETA).</summary>
public readonly record struct ImportProgress(long Rows, long Bytes, long TotalBytes, long Rejected);

/// <summary>How to run an import: where rejects go, who is recorded as having recorded the incidents, and the batch size.</summary>
public sealed record ImportOptions
{
    /// <summary>Rows per committed batch.</summary>
    public int BatchSize { get; init; } = 5_000;
    /// <summary>The rejects CSV (default: next to the input, <c>NAME.rejects.csv</c>).</summary>
    public string? RejectsPath { get; init; }
    /// <summary>The user the incidents are recorded by; <see cref="Guid.Empty"/> (the system) for imports from the command line.</summary>
    public Guid RecordedBy { get; init; } = Guid.Empty;
    /// <summary>Called every few hundred rows and after every batch, on the importing thread.</summary>
    public Action<ImportProgress>? Progress { get; init; }
    /// <summary>
    /// Rows between full, compacting garbage collections (none when null). For a command-line import, a process of its
    /// own: each batch's rows live for a few batches (reading and writing overlap), long enough to reach the oldest
    /// generation, which the collector otherwise let grow by 150–200 MB before it collected it (a million-row import).
    /// Not for the server, where a blocking collection would pause every request.
    /// </summary>
    public int? CompactHeapEvery { get; init; }

    /// <summary>
    /// <see cref="CompactHeapEvery"/> of the command line: 25,000 rows (five default batches) kept the peak of a
    /// million-row import on PostgreSQL at 435 MB instead of 648 MB, at the same speed (<c>./bench/import.sh</c>; the
    /// README has the other intervals measured).
    /// </summary>
    public const int CommandLineCompactHeapEvery = 25_000;
}
