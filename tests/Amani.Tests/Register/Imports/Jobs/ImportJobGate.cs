using Amani.Register.Imports;
using Amani.Register.Imports.Jobs;

namespace Amani.Tests.Register.Imports.Jobs;

/// <summary>
/// Holds a running job at a known point, so that a test need not race the import: at the first progress report with at
/// least <paramref name="atRows"/> rows read (before the end of the file) the importing thread waits until the runner
/// decides to stop the run — because the test cancelled the job, or stopped the node — and then lets the runner act on
/// it. <see cref="Held"/> completes, with that report, once the job is held. The country-month importer reports progress
/// after each committed batch, so a job held at its first report has committed exactly its first batch.
/// Nothing here waits for time to pass: the only timeout is a safety valve against a runner that never stops the run.
/// </summary>
public sealed class ImportJobGate(long atRows = 1) : IImportJobProgressHook
{
    private static readonly TimeSpan SafetyValve = TimeSpan.FromMinutes(3);
    private readonly TaskCompletionSource<ImportProgress> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The report the job is held at; awaited by the test (with <see cref="WaitHeldAsync"/>).</summary>
    public Task<ImportProgress> Held => _held.Task;

    public async Task<ImportProgress> WaitHeldAsync() => await Held.WaitAsync(SafetyValve);

    public void OnProgress(Guid jobId, ImportProgress progress, CancellationToken stopping)
    {
        if (_held.Task.IsCompleted || progress.Rows < atRows || progress.Bytes >= progress.TotalBytes)
            return;
        _held.SetResult(progress);
        if (!stopping.WaitHandle.WaitOne(SafetyValve))
            throw new TimeoutException($"Import job {jobId} was held for {SafetyValve.TotalMinutes} minutes and the runner never stopped it.");
    }
}
