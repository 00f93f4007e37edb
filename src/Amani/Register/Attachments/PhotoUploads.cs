using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Amani.Register.Attachments;

/// <summary>An uploaded file that passed the content and size checks, with its metadata-free copy; nothing stored yet.</summary>
public sealed record CheckedPhoto(byte[] Original, StrippedImage Stripped, string FileName);

/// <summary>
/// Checks uploaded files (count, size, content by magic bytes, well-formedness) and stores the accepted ones — the
/// original and the stripped copy — in the <see cref="BlobStore"/>. Checking comes first and stores nothing, so a
/// refused request leaves no file behind.
/// </summary>
public sealed class PhotoUploads(BlobStore blobs)
{
    private const string Accepted = "Only JPEG, PNG and WebP photos are accepted; files are recognised by their content, not by their name.";

    /// <summary>
    /// At most one photo per core is decoded at a time (a 12-megapixel photo takes about 110 MB while ImageMagick turns
    /// and strips it), so that many uploads at once queue instead of multiplying the server's memory.
    /// </summary>
    private static readonly SemaphoreSlim Decoding = new(Environment.ProcessorCount);

    public static async Task<(IReadOnlyList<CheckedPhoto> Photos, ProblemHttpResult? Problem)> CheckAsync(IReadOnlyList<IFormFile> files,
        CancellationToken cancellationToken)
    {
        if (files.Count > AttachmentLimits.MaxFiles)
            return ([], Problem.Of(ProblemType.PayloadTooLarge, $"{files.Count} files were sent; send at most {AttachmentLimits.MaxFiles} in one request."));
        var photos = new List<CheckedPhoto>();
        foreach (var file in files)
        {
            var shownName = FileNames.Clean(file.FileName);
            if (file.Length > AttachmentLimits.MaxFileBytes)
                return ([], Problem.Of(ProblemType.PayloadTooLarge,
                    $"The file '{shownName}' has {file.Length:N0} bytes; the limit is {AttachmentLimits.MaxFileBytes:N0} bytes per file. Send a smaller photo."));
            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
                await stream.ReadExactlyAsync(content, cancellationToken);
            StrippedImage? stripped;
            await Decoding.WaitAsync(cancellationToken);
            try
            {
                stripped = ImageMetadata.Strip(content);
            }
            finally
            {
                Decoding.Release();
            }
            if (stripped is null)
                return ([], Problem.Of(ProblemType.UnsupportedMediaType, ImageFormat.Sniff(content) is { } format
                    ? $"The file '{shownName}' starts like {format.MediaType} but is damaged, truncated or over " +
                      $"{ImageMetadata.MaxSide:N0} pixels wide or high. Send the photo again (a large one resized)."
                    : $"The file '{shownName}' is {ImageFormat.Describe(content)}, not a photo. {Accepted}"));
            photos.Add(new CheckedPhoto(content, stripped, FileNames.Sanitise(file.FileName, stripped.Format)));
        }
        return (photos, null);
    }

    /// <summary>Stores each photo's original and stripped copy (the same content only once) and returns what their rows need.</summary>
    public async Task<IReadOnlyList<NewAttachment>> StoreAsync(IReadOnlyList<CheckedPhoto> photos, CancellationToken cancellationToken)
    {
        var stored = new List<NewAttachment>();
        foreach (var photo in photos)
        {
            var original = await blobs.PutAsync(photo.Original, cancellationToken);
            if (stored.Any(s => s.OriginalHash == original))
                continue; // the same photo twice in one request: one attachment
            var stripped = await blobs.PutAsync(photo.Stripped.Content, cancellationToken);
            stored.Add(new NewAttachment(original, stripped, photo.Stripped.Format.MediaType, photo.Original.Length, photo.Stripped.Content.Length,
                photo.Stripped.Width, photo.Stripped.Height, photo.FileName));
        }
        return stored;
    }
}
