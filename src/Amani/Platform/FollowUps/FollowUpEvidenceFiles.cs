using System.Text.Json;
using Amani.Platform.Problems;
using Amani.Platform.Records;

namespace Amani.Platform.FollowUps;

/// <summary>
/// Removes what an image says about where and by whom it was taken (EXIF with GPS, XMP, IPTC) and returns an upright copy,
/// or null when the content is not an accepted image. Implemented by the module that handles photos (attachments);
/// without one, images are refused as evidence.
/// </summary>
public interface IImageCleaner
{
    (byte[] Content, string MediaType, string Extension)? Clean(ReadOnlySpan<byte> content);
}

/// <summary>
/// Reads a piece of evidence from a request: JSON (<see cref="FollowUpEvidenceRequest"/>: a note or a record link), or
/// multipart form data with one <c>file</c> (a PDF, or a JPEG/PNG/WebP image stored without its metadata) and an
/// optional <c>note</c>. Anything else is refused with what to send instead.
/// </summary>
public sealed class FollowUpEvidenceFiles(IServiceProvider services)
{
    public async Task<Outcome<FollowUpEvidence>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            FollowUpEvidenceRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<FollowUpEvidenceRequest>(cancellationToken);
            }
            catch (JsonException)
            {
                return Refusal.Invalid("body", "The body is not valid JSON: send {\"note\": \"…\"} or {\"recordType\": \"incident\", \"recordId\": \"…\"}.");
            }
            if (body is null)
                return Refusal.Invalid("body", "Send {\"note\": \"…\"} or {\"recordType\": \"incident\", \"recordId\": \"…\"}.");
            if (ShapeChecks.Errors(body) is [var (member, error), ..])
                return Refusal.Invalid(JsonNamingPolicy.CamelCase.ConvertName(member), error);
            var note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim();
            if (body.RecordType is not null || body.RecordId is not null)
            {
                if (body.RecordType is null || body.RecordId is null)
                    return Refusal.Invalid("recordId", "Give both recordType and recordId to link a record.");
                return Outcome<FollowUpEvidence>.Ok(new FollowUpEvidence
                {
                    Kind = FollowUpEvidenceKind.Record, RecordType = body.RecordType.Trim(), RecordId = body.RecordId, Note = note, AddedBy = "",
                });
            }
            if (note is null)
                return Refusal.Invalid("note", "Give a note, a record link (recordType and recordId) or a file (multipart, field \"file\").");
            return Outcome<FollowUpEvidence>.Ok(new FollowUpEvidence { Kind = FollowUpEvidenceKind.Note, Note = note, AddedBy = "" });
        }
        if (!request.HasFormContentType)
            return Refusal.Invalid("body", "Send JSON (a note or a record link) or multipart/form-data with a field \"file\".");
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null || form.Files.Count != 1)
            return Refusal.Invalid("file", "Send exactly one file, in the form field \"file\".");
        if (file.Length == 0)
            return Refusal.Invalid("file", "The file is empty.");
        if (file.Length > FollowUpLimits.FileBytes)
            return Refusal.Invalid("file", $"The file is larger than {FollowUpLimits.FileBytes / (1024 * 1024)} MiB.");
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(content, cancellationToken);
        var formNote = form["note"].ToString().Trim();
        if (formNote.Length > FollowUpLimits.Text)
            return Refusal.Invalid("note", "Give a note of at most 4000 characters.");
        var name = CleanName(file.FileName);
        var evidence = new FollowUpEvidence { Kind = FollowUpEvidenceKind.File, Note = formNote.Length > 0 ? formNote : null, AddedBy = "" };
        if (content.AsSpan().StartsWith("%PDF-"u8))
        {
            (evidence.Content, evidence.ContentType, evidence.FileName) = (content, "application/pdf", Path.ChangeExtension(name, ".pdf"));
        }
        else if (services.GetService<IImageCleaner>()?.Clean(content) is { } image)
        {
            (evidence.Content, evidence.ContentType, evidence.FileName) = (image.Content, image.MediaType, Path.ChangeExtension(name, image.Extension));
        }
        else
        {
            return Refusal.Invalid("file", "Send a PDF document or a JPEG, PNG or WebP image (recognised by its content, not its name).");
        }
        evidence.SizeBytes = evidence.Content.Length;
        return Outcome<FollowUpEvidence>.Ok(evidence);
    }

    /// <summary>A file name safe to offer for download: no folders, no control characters, at most 200 characters.</summary>
    private static string CleanName(string? name)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string(bare.Where(c => !char.IsControl(c) && c != '"' && c != '/').ToArray()).Trim();
        if (clean.Length == 0)
            clean = "evidence";
        return clean.Length > 150 ? clean[..150] : clean;
    }
}
