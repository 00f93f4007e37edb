namespace Amani.Register.Imports.Jobs;

/// <summary>
/// Collects the importer's progress callbacks (on the importing thread) and hands the latest, with speed and ETA, to
/// the heartbeat that writes it to the job's row (on another thread). Speed and ETA use the monotonic timestamp of the
/// <see cref="TimeProvider"/>: rows per second since the run began, and the remaining bytes at the bytes-per-second so far.
/// </summary>
public sealed class ImportJobProgressMeter(TimeProvider clock)
{
    private readonly long _started = clock.GetTimestamp();
    private readonly Lock _lock = new();
    private ImportProgress _latest;

    public void Report(ImportProgress progress)
    {
        lock (_lock)
            _latest = progress;
    }

    public ImportJobProgressSnapshot Snapshot()
    {
        ImportProgress p;
        lock (_lock)
            p = _latest;
        var seconds = clock.GetElapsedTime(_started).TotalSeconds;
        var rowsPerSecond = seconds > 0 ? p.Rows / seconds : 0;
        int? eta = p.Bytes > 0 && p.TotalBytes >= p.Bytes && seconds > 0
            ? (int)Math.Ceiling(seconds * (p.TotalBytes - p.Bytes) / p.Bytes)
            : null;
        return new ImportJobProgressSnapshot(Math.Min(p.Bytes, p.TotalBytes), p.Rows, p.Rejected, Math.Round(rowsPerSecond, 1), eta);
    }
}
