using System.Security.Cryptography;
using Amani.Platform.Hosting;

namespace Amani.Register.Attachments;

/// <summary>
/// Content-addressed files under <c>{data directory}/blobs/ab/cd/{sha256}</c>. A blob is written to a temporary file in
/// its final folder, flushed to disk, then renamed into place — so a reader sees the whole file or none, and two
/// writers of the same content (two requests, or two nodes on shared storage) end with one identical file. The same
/// content is stored once, whoever uploads it how often. Blobs are never changed; with several nodes the data
/// directory must be shared storage (NFS, SMB, a mounted volume) so that every node reads what any node wrote.
/// </summary>
public sealed class BlobStore(AmaniSettings settings)
{
    public string Root { get; } = Path.Combine(settings.DataDirectory, "blobs");

    public static string HashOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public string PathOf(string hash) =>
        hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower)
            ? Path.Combine(Root, hash[..2], hash[2..4], hash)
            : throw new ArgumentException("Not a lower-case SHA-256 hex digest.", nameof(hash));

    /// <summary>Stores <paramref name="content"/> (unless the same content is already there) and returns its SHA-256.</summary>
    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var hash = HashOf(content.Span);
        var path = PathOf(hash);
        if (File.Exists(path))
            return hash;
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{hash}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken);
                file.Flush(flushToDisk: true);
            }
            // rename(2) replaces atomically; a twin that landed meanwhile has the same bytes.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
        return hash;
    }

    public bool Exists(string hash) => File.Exists(PathOf(hash));

    /// <summary>The blob's bytes as a stream, or null when it is missing.</summary>
    public Stream? OpenRead(string hash)
    {
        var path = PathOf(hash);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous) : null;
    }
}
