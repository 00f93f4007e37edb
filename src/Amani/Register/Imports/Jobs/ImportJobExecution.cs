using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Missions;

namespace Amani.Register.Imports.Jobs;

/// <summary>
/// Runs one job's import with the importer its <see cref="ImportKind"/> names (the one the command line uses), writing
/// the rejects next to the job. One per scope: the importers write through the scope's DbContext, as the user who
/// uploaded the file.
/// </summary>
public sealed class ImportJobExecution(AmaniDbContext db, ImportKinds kinds, IServiceProvider services, ImportJobFiles files, ImportJobSettings settings)
{
    public async Task<Result<ImportSummary>> RunAsync(ImportJob job, Action<ImportProgress> progress, CancellationToken cancellationToken)
    {
        var upload = files.UploadOf(job);
        if (!File.Exists(upload))
            return Result<ImportSummary>.Invalid("file", $"The uploaded file is not in this node's data directory ({upload}). With several " +
                "server nodes the data directory must be shared storage, so that any node can run a job another received. Upload it again.");
        if (kinds.Find(job.Kind) is not { } kind)
            return Result<ImportSummary>.Invalid("kind", $"'{job.Kind}' is not a kind of import this server knows ({kinds.Names}).");
        var options = new ImportOptions { BatchSize = settings.BatchSize, RejectsPath = files.RejectsOf(job.Id), RecordedBy = job.RequestedBy, Progress = progress };
        Mission? mission = null;
        if (kind.NeedsMission && (mission = await db.Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == job.MissionId, cancellationToken)) is null)
            return Result<ImportSummary>.Invalid("mission", "The job names no mission that exists.");
        return await kind.RunAsync(job, mission, upload, options, services, cancellationToken);
    }
}
