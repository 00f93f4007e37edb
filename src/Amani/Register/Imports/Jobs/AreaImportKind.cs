using System.Diagnostics;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Platform.Data;
using Amani.Platform.Records;

namespace Amani.Register.Imports.Jobs;

/// <summary>Admin boundaries (GeoJSON) at a level, into a mission, through the Areas module's importer.</summary>
public sealed class AreaImportKind : ImportKind
{
    public override string Slug => "areas";
    public override string DisplayName => "admin boundaries (GeoJSON)";
    public override bool NeedsMission => true;
    public override bool NeedsLevel => true;

    /// <summary>Boundaries are read whole into memory: their own limit applies too.</summary>
    public override long MaxBytes(long importLimit) => Math.Min(importLimit, AreaImportLimits.MaxUploadBytes);

    public override async Task<string?> CheckAsync(string path, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var parsed = await AreaFeatures.ParseAsync(stream, cancellationToken);
        parsed.Value?.Dispose();
        return parsed.Refusal?.Message;
    }

    /// <summary>
    /// Boundaries are one transaction: the file is read whole, then imported (so they report no progress in between and
    /// can be cancelled only before they start); the rejected features go to the rejects CSV, their index in the
    /// <c>line</c> column.
    /// </summary>
    public override async Task<Result<ImportSummary>> RunAsync(ImportJob job, Mission? mission, string upload, ImportOptions options,
        IServiceProvider services, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        options.Progress?.Invoke(new ImportProgress(0, 0, job.SizeBytes, 0)); // the last moment a cancellation takes effect: the import is one transaction
        Outcome<AreaImportSummary> result;
        await using (var stream = new FileStream(upload, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            result = await services.GetRequiredService<AreaImporter>()
                .ImportAsync(mission!, stream, new AreaImportOptions(job.Level ?? -1, FileName: job.FileName), cancellationToken);
        if (result.Refusal is { } refused)
            return Result<ImportSummary>.Invalid(refused.Field ?? "file", refused.Message);
        var summary = result.Value!;
        await using (var rejects = RejectsFile.Create(options.RejectsPath!))
            foreach (var issue in summary.Issues.Where(i => i.Outcome == AreaImportIssue.Rejected))
                rejects.Add(issue.Feature, issue.PCode, $"features[{issue.Feature}]: {issue.Reason}");
        return Result<ImportSummary>.Ok(new ImportSummary(Slug, mission!.Code, summary.Read, summary.Inserted, summary.Updated,
            summary.Unchanged, summary.Rejected, options.RejectsPath!, "utf-8", stopwatch.Elapsed));
    }
}
