using Amani.Foundation.Missions;
using Amani.Platform.Data;

namespace Amani.Register.Imports.Jobs;

/// <summary>
/// A dataset the API's import jobs accept, by the name of the command line's <c>./amani import …</c>: incident
/// datasets and boundaries go into a mission, reference data (ViEWS country-months) into none. Each is registered by the
/// module that owns its importer (<c>services.AddSingleton&lt;ImportKind, …&gt;()</c>); the jobs name none of them.
/// </summary>
public abstract class ImportKind
{
    public abstract string Slug { get; }
    public abstract string DisplayName { get; }
    public abstract bool NeedsMission { get; }
    public virtual bool NeedsLevel => false;

    /// <summary>The largest file of this kind, given the server's import limit.</summary>
    public virtual long MaxBytes(long importLimit) => importLimit;

    /// <summary>Why the uploaded file cannot be imported as this kind (a message naming what is missing), or null.</summary>
    public abstract Task<string?> CheckAsync(string path, TimeProvider clock, CancellationToken cancellationToken);

    /// <summary>Imports the job's file (into <paramref name="mission"/> when the kind needs one) with the command line's importer.</summary>
    public abstract Task<Result<ImportSummary>> RunAsync(ImportJob job, Mission? mission, string upload, ImportOptions options,
        IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>The registered kinds, looked up by name.</summary>
public sealed class ImportKinds(IEnumerable<ImportKind> kinds)
{
    private readonly ImportKind[] _kinds = kinds.ToArray();

    public ImportKind? Find(string? slug) => _kinds.FirstOrDefault(k => string.Equals(k.Slug, slug?.Trim(), StringComparison.OrdinalIgnoreCase));

    public string Names => string.Join(", ", _kinds.Select(k => k.Slug));
}

/// <summary>An incident dataset (UCDP GED, ACLED): a CSV read by its row mapper into a mission's incidents.</summary>
public sealed class IncidentImportKind(string slug, string displayName, Func<IIncidentRowMapper> mapper) : ImportKind
{
    public override string Slug => slug;
    public override string DisplayName => displayName;
    public override bool NeedsMission => true;

    public override Task<string?> CheckAsync(string path, TimeProvider clock, CancellationToken cancellationToken) =>
        ImportFileCheck.CheckCsvAsync(this, path, header => mapper().MissingColumns(header), cancellationToken);

    public override async Task<Result<ImportSummary>> RunAsync(ImportJob job, Mission? mission, string upload, ImportOptions options,
        IServiceProvider services, CancellationToken cancellationToken) =>
        await services.GetRequiredService<IncidentImporter>().ImportAsync(mission!, mapper(), upload, options, cancellationToken);
}
