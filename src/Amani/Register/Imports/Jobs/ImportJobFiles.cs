using Amani.Platform.Hosting;
using Amani.Register.Attachments;

namespace Amani.Register.Imports.Jobs;

/// <summary>
/// Where a job's files live: <c>{data directory}/imports/{job id}/upload/{file name}</c> (deleted when the job ends;
/// named as uploaded, so that the import's audit rows name the file) and <c>rejects.csv</c> next to that folder. With
/// several nodes the data directory must be shared storage, as for attachments, so that the node that runs a job (or
/// re-runs it after another died) reads the upload another node received.
/// </summary>
public sealed class ImportJobFiles(AmaniSettings settings)
{
    public string Root { get; } = Path.Combine(settings.DataDirectory, "imports");

    public string FolderOf(Guid job) => Path.Combine(Root, job.ToString("N"));

    public string UploadFolderOf(Guid job) => Path.Combine(FolderOf(job), "upload");

    public string UploadOf(ImportJob job) => Path.Combine(UploadFolderOf(job.Id), job.FileName);

    public string RejectsOf(Guid job) => Path.Combine(FolderOf(job), "rejects.csv");

    /// <summary>The name an uploaded file is stored and shown under: cleaned of directories and odd characters, never empty.</summary>
    public static string StoredName(string? uploaded) =>
        FileNames.Clean(uploaded) is { Length: > 0 } name ? name : "upload";

    public void DeleteUpload(Guid job)
    {
        if (Directory.Exists(UploadFolderOf(job)))
            Directory.Delete(UploadFolderOf(job), recursive: true);
    }

    /// <summary>Removes everything of a job that was refused before it was stored.</summary>
    public void DeleteAll(Guid job)
    {
        if (Directory.Exists(FolderOf(job)))
            Directory.Delete(FolderOf(job), recursive: true);
    }
}
