namespace Amani.Foundation.Areas;

/// <summary>
/// How to read a boundary file. Each property option names the feature property to use; when null, the first
/// present of the defaults listed on <see cref="AreaFeatures"/> is used.
/// </summary>
public sealed record AreaImportOptions(int Level, string? PCodeProperty = null, string? NameProperty = null, string? ParentPCodeProperty = null,
    string? FileName = null);

/// <summary>What happened to one feature that was not simply inserted, updated or unchanged: refused, or repaired then imported.</summary>
/// <param name="Feature">The feature's index in the file's <c>features</c> array (0-based).</param>
public sealed record AreaImportIssue(int Feature, string? PCode, string Outcome, string Reason)
{
    public const string Rejected = "rejected";
    public const string Repaired = "repaired";

    public override string ToString() => $"features[{Feature}]{(PCode is null ? "" : $" ({PCode})")} {Outcome}: {Reason}";
}

/// <summary>The outcome of a boundary import. Every feature read is counted once in inserted, updated, unchanged or rejected.</summary>
public sealed record AreaImportSummary(string Mission, int Level, int Read, int Inserted, int Updated, int Unchanged, int Rejected, int Repaired,
    IReadOnlyList<AreaImportIssue> Issues)
{
    /// <summary>The import ran synchronously, within the request (as a background job with progress: <c>POST /api/v1/imports</c>, kind <c>areas</c>).</summary>
    public string Mode => "synchronous";
}

public static class AreaImportLimits
{
    /// <summary>The largest boundary file the API accepts (the CLI reads any size the machine can hold).</summary>
    public const long MaxUploadBytes = 50L * 1024 * 1024;
}
