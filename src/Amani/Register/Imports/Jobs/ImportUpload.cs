using System.Text;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Amani.Register.Imports.Jobs;

/// <summary>Why an upload is refused: a problem type, the form field at fault (for 400 validation problems) and what to do.</summary>
public sealed record ImportUploadRefusal(ProblemType Type, string? Field, string Detail);

/// <summary>The fields of an import upload, and the file streamed to disk (<see cref="ImportJobFiles.UploadOf"/>).</summary>
public sealed record ImportUploadForm(string? Kind, string? Mission, string? Level, string? FileName, long FileBytes, int Files);

/// <summary>
/// Reads a <c>multipart/form-data</c> import request section by section: text fields into memory (a few hundred
/// characters at most), the file straight to disk in 64 KB pieces, counting its bytes — the upload is never held in
/// memory, whatever its size, and a file over the limit is refused as soon as the limit is passed. The caller deletes
/// what was written when it refuses the request.
/// </summary>
public static class ImportUpload
{
    private const int MaxFieldChars = 200;

    public static bool IsMultipart(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the form, saving the file into <paramref name="uploadFolder"/> under <see cref="ImportJobFiles.StoredName"/>.</summary>
    public static async Task<(ImportUploadForm? Form, ImportUploadRefusal? Refused)> ReadAsync(HttpRequest request, string uploadFolder, long maxBytes,
        CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ||
            HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
            return (null, new ImportUploadRefusal(ProblemType.MalformedRequest, null, "The multipart/form-data content type has no boundary parameter."));
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        (string? Name, long Bytes, int Count) file = (null, 0, 0);
        var storing = false; // an I/O error while writing the file is the server's (500), not a malformed request

        async Task<long> SaveAsync(Stream body, string path)
        {
            storing = true;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var stored = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            storing = false;
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                    return total; // one byte past the limit: the request is refused
                storing = true;
                await stored.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                storing = false;
            }
            return total;
        }

        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition() &&
                    !disposition.IsFileDisposition())
                    return (null, new ImportUploadRefusal(ProblemType.MalformedRequest, null, "A part of the multipart body has no 'Content-Disposition: form-data; name=…' header."));
                if (disposition.IsFileDisposition())
                {
                    if (++file.Count > 1)
                        return (null, new ImportUploadRefusal(ProblemType.Validation, "file", "Attach exactly one file; this request has more."));
                    file.Name = ImportJobFiles.StoredName(HeaderUtilities.RemoveQuotes(
                        disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                    file.Bytes = await SaveAsync(section.Body, Path.Combine(uploadFolder, file.Name));
                    if (file.Bytes > maxBytes)
                        return (null, TooLarge(maxBytes));
                }
                else if (HeaderUtilities.RemoveQuotes(disposition.Name).Value is { Length: > 0 } name)
                {
                    var value = await ReadFieldAsync(section.Body, cancellationToken);
                    if (value is null)
                        return (null, new ImportUploadRefusal(ProblemType.Validation, name, $"The field '{name}' is longer than {MaxFieldChars} characters."));
                    fields[name] = value.Trim();
                }
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException && exception is not BadHttpRequestException && !storing &&
                                          !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return (null, new ImportUploadRefusal(ProblemType.MalformedRequest, null, $"The multipart body could not be read: {exception.Message}"));
        }
        return (new ImportUploadForm(fields.GetValueOrDefault("kind"), fields.GetValueOrDefault("mission"), fields.GetValueOrDefault("level"),
            file.Name, file.Bytes, file.Count), null);
    }

    public static ImportUploadRefusal TooLarge(long maxBytes) => new(ProblemType.PayloadTooLarge, null,
        $"The file is larger than the limit of {maxBytes:N0} bytes for this import. Split it, or ask the operator to raise " +
        "AMANI_IMPORT_MAX_BYTES (boundary files are limited to 50 MB whatever it says). Nothing was stored.");

    /// <summary>A text field's value, or null when it is longer than <see cref="MaxFieldChars"/>.</summary>
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var buffer = new char[MaxFieldChars + 1];
        var length = 0;
        int read;
        while (length <= MaxFieldChars && (read = await reader.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            length += read;
        return length > MaxFieldChars ? null : new string(buffer, 0, length);
    }
}
