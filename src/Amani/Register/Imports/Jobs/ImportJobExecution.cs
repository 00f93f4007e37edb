using System.Diagnostics;
using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Missions;

namespace Amani.Register.Imports.Jobs;

/// <summary>
/// Runs one job's import with the importer the command line uses for its kind (<see cref="IncidentImporter"/>,
/// <see cref="CountryMonthImporter"/>, <see cref="AreaImporter"/>), writing the rejects next to the job. One per scope:
/// the importers write through the scope's DbContext, as the user who uploaded the file.
/// </summary>
public sealed class ImportJobExecution(AmaniDbContext db, IncidentImporter incidents, CountryMonthImporter countryMonths, AreaImporter areas,
    ImportJobFiles files, ImportJobSettings settings)
{
    public async Task<Result<ImportSummary>> RunAsync(ImportJob job, Action<ImportProgress> progress, CancellationToken cancellationToken)
    {
        var upload = files.UploadOf(job);
        if (!File.Exists(upload))
            return Result<ImportSummary>.Invalid("file", $"The uploaded file is not in this node's data directory ({upload}). With several " +
                "server nodes the data directory must be shared storage, so that any node can run a job another received. Upload it again.");
        if (ImportKind.Find(job.Kind) is not { } kind)
            return Result<ImportSummary>.Invalid("kind", $"'{job.Kind}' is not a kind of import this server knows ({ImportKind.Names}).");
        var options = new ImportOptions { BatchSize = settings.BatchSize, RejectsPath = files.RejectsOf(job.Id), RecordedBy = job.RequestedBy, Progress = progress };
        if (!kind.NeedsMission)
            return await countryMonths.ImportAsync(upload, options, cancellationToken);
        var mission = await db.Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == job.MissionId, cancellationToken);
        if (mission is null)
            return Result<ImportSummary>.Invalid("mission", "The job names no mission that exists.");
        if (kind.CreateMapper() is { } mapper)
            return await incidents.ImportAsync(mission, mapper, upload, options, cancellationToken);
        return await ImportAreasAsync(job, mission, upload, options, cancellationToken);
    }

    /// <summary>
    /// Boundaries are one transaction: the file is read whole, then imported (so they report no progress in between and
    /// can be cancelled only before they start); the rejected features go to the rejects CSV, their index in the
    /// <c>line</c> column.
    /// </summary>
    private async Task<Result<ImportSummary>> ImportAreasAsync(ImportJob job, Foundation.Missions.Mission mission, string upload, ImportOptions options,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        options.Progress?.Invoke(new ImportProgress(0, 0, job.SizeBytes, 0)); // the last moment a cancellation takes effect: the import is one transaction
        Result<AreaImportSummary> result;
        await using (var stream = new FileStream(upload, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            result = await areas.ImportAsync(mission, stream, new AreaImportOptions(job.Level ?? -1, FileName: job.FileName), cancellationToken);
        if (!result.Succeeded)
            return Result<ImportSummary>.Invalid(result.Field!, result.Error!);
        var summary = result.Value!;
        await using (var rejects = RejectsFile.Create(options.RejectsPath!))
            foreach (var issue in summary.Issues.Where(i => i.Outcome == AreaImportIssue.Rejected))
                rejects.Add(issue.Feature, issue.PCode, $"features[{issue.Feature}]: {issue.Reason}");
        return Result<ImportSummary>.Ok(new ImportSummary(ImportKind.Areas.Slug, mission.Code, summary.Read, summary.Inserted, summary.Updated,
            summary.Unchanged, summary.Rejected, options.RejectsPath!, "utf-8", stopwatch.Elapsed));
    }
}
