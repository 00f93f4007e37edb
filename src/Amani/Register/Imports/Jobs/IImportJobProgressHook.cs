namespace Amani.Register.Imports.Jobs;

/// <summary>
/// A seam for tests: when one is registered, <see cref="ImportJobRunner"/> calls it with every progress report of a
/// running job, on the importing thread, after the report is recorded for the next progress write and before the
/// runner checks whether the run is to stop. <c>stopping</c> is cancelled once it is (cancellation asked for, lease
/// lost, node shutting down). A test can thus hold a job at a known point — after its first committed batch, say —
/// until the runner has seen a cancellation or a shutdown, instead of racing the import. Production registers none.
/// </summary>
public interface IImportJobProgressHook
{
    void OnProgress(Guid jobId, ImportProgress progress, CancellationToken stopping);
}
