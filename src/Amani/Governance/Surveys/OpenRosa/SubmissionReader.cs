using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amani.Register.Attachments;
using Microsoft.AspNetCore.Http.Features;

namespace Amani.Governance.Surveys.OpenRosa;

/// <summary>The limits of the OpenRosa server.</summary>
public static class OpenRosaLimits
{
    /// <summary>The largest post accepted (announced as <c>X-OpenRosa-Accept-Content-Length</c>; ODK Collect splits larger submissions).</summary>
    public const long MaxPostBytes = 50L * 1024 * 1024;
    /// <summary>The largest submission XML.</summary>
    public const int MaxXmlBytes = 5 * 1024 * 1024;
    public const int MaxFiles = 100;
}

/// <summary>
/// Reads one submission post (OpenRosa form submission API): a <c>multipart/form-data</c> body with the instance XML in
/// <c>xml_submission_file</c> and the attachments as further file parts (<c>*isIncomplete*</c> says more posts follow;
/// the server needs no flag: a submission is complete once every file its XML names has arrived). Every refusal is an
/// OpenRosa message; nothing is written before the post was read whole and checked, except the attachments' blobs
/// (content-addressed: a refused post leaves at most a file no row names).
/// </summary>
public sealed class SubmissionReader(OpenRosaForms forms, BlobStore blobs)
{
    public const string XmlPart = "xml_submission_file";

    public async Task<(SubmissionPost? Post, IResult? Refused)> ReadAsync(HttpContext http, OpenRosaCaller caller, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType || !http.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Refuse(400, $"Send the submission as multipart/form-data with the instance in the part '{XmlPart}'.");
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = OpenRosaLimits.MaxPostBytes, ValueCountLimit = OpenRosaLimits.MaxFiles + 10,
            }, cancellationToken);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refuse(413, TooLarge);
        }
        catch (InvalidDataException malformed) when (malformed.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(413, TooLarge);
        }
        catch (InvalidDataException malformed)
        {
            return Refuse(400, $"The multipart body could not be read: {malformed.Message}");
        }
        catch (IOException cut)
        {
            return Refuse(400, $"The body ended before it was complete ({cut.Message}). Send the submission again.");
        }

        if (form.Files.GetFile(XmlPart) is not { } xmlFile)
            return Refuse(400, $"The post has no part '{XmlPart}' holding the filled form.");
        if (xmlFile.Length > OpenRosaLimits.MaxXmlBytes)
            return Refuse(413, $"The submission XML is larger than {OpenRosaLimits.MaxXmlBytes / (1024 * 1024)} MB.");
        if (form.Files.Count - 1 > OpenRosaLimits.MaxFiles)
            return Refuse(413, $"A post may carry at most {OpenRosaLimits.MaxFiles} attachments; send the others in a further post.");
        byte[] xmlBytes;
        await using (var stream = xmlFile.OpenReadStream())
        using (var buffer = new MemoryStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
            xmlBytes = buffer.ToArray();
        }
        var (root, problem) = Parse(xmlBytes);
        if (root is null)
            return Refuse(400, problem!);

        var xmlFormId = (string?)root.Attribute("id");
        if (string.IsNullOrWhiteSpace(xmlFormId))
            return Refuse(400, "The submission's root element has no id attribute: it does not say which form it fills.");
        var version = (string?)root.Attribute("version") ?? "";
        var meta = root.Elements().FirstOrDefault(e => e.Name.LocalName == "meta");
        var instanceId = meta?.Elements().FirstOrDefault(e => e.Name.LocalName == "instanceID")?.Value.Trim();
        var deprecatedId = meta?.Elements().FirstOrDefault(e => e.Name.LocalName == "deprecatedID")?.Value.Trim() is { Length: > 0 } old ? old : null;
        if (string.IsNullOrEmpty(instanceId))
            return Refuse(400, "The submission has no meta/instanceID: the phone must give each filled form its own id.");
        if (instanceId.Length > SurveyLimits.InstanceId || instanceId.Any(char.IsControl))
            return Refuse(400, $"The instanceID is longer than {SurveyLimits.InstanceId} characters or holds control characters.");
        if (deprecatedId is not null && (deprecatedId.Length > SurveyLimits.InstanceId || deprecatedId.Any(char.IsControl) || deprecatedId == instanceId))
            return Refuse(400, "The deprecatedID (the version an edit replaces) is too long, holds control characters or equals the instanceID: an edit needs a new instanceID.");

        var target = await forms.TargetAsync(caller, xmlFormId, version, cancellationToken);
        if (target is null)
            return Refuse(404, $"There is no form '{xmlFormId}' on this server for this phone. Get blank forms again; if the form was removed, ask your survey coordinator.");
        if (target.VersionId == Guid.Empty)
            return Refuse(404, $"The form '{xmlFormId}' has no version '{version}' on this server. Get blank forms again and fill the current version.");
        if (!target.Open)
            return Refuse(403, $"The form '{xmlFormId}' (version '{version}') is closed and accepts no more submissions. Ask your survey coordinator.");

        var (consented, dropped) = target.ConsentPath is { } consent ? ConsentGate.Apply(root, consent) : (true, 0);
        if (!consented)
            xmlBytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n" + root.ToString(SaveOptions.DisableFormatting));
        var files = new List<ReceivedFile>();
        foreach (var file in form.Files.Where(_ => consented)) // without consent, no attachment is kept
        {
            if (file.Name == XmlPart)
                continue;
            var name = Path.GetFileName(string.IsNullOrEmpty(file.FileName) ? file.Name : file.FileName);
            if (name.Length is 0 or > SurveyLimits.FileName || name.Any(char.IsControl))
                return Refuse(400, $"An attachment's file name is empty, longer than {SurveyLimits.FileName} characters or holds control characters.");
            if (files.Any(f => f.Name == name))
                return Refuse(400, $"The post carries two files named '{name}'.");
            byte[] content;
            await using (var stream = file.OpenReadStream())
            using (var buffer = new MemoryStream())
            {
                await stream.CopyToAsync(buffer, cancellationToken);
                content = buffer.ToArray();
            }
            var contentType = file.ContentType is { Length: > 0 and <= SurveyLimits.ContentType } type ? type : "application/octet-stream";
            files.Add(new ReceivedFile(name, contentType, content.Length, await blobs.PutAsync(content, cancellationToken)));
        }
        var expected = XFormPaths.AttachmentNames(root, target.BinaryPaths.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var xml = Encoding.UTF8.GetString(xmlBytes);
        return (new SubmissionPost(caller.Mission!.Id, target.FormId, target.VersionId, xmlFormId, instanceId, xml,
            Convert.ToHexStringLower(SHA256.HashData(xmlBytes)), expected, files, caller.AppUser?.Id, caller.AppUser is null ? caller.UserId : null, caller.Actor,
            http.TraceIdentifier, deprecatedId, dropped), null);
    }

    private static string TooLarge => $"The post is larger than the {OpenRosaLimits.MaxPostBytes / (1024 * 1024)} MB this server accepts. " +
                                      "Send the attachments over several posts (ODK Collect does so by itself).";

    /// <summary>The instance's root element, or why it could not be read. A DTD (and so any entity) is refused, never processed.</summary>
    public static (XElement? Root, string? Problem) Parse(byte[] xml)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), XFormPaths.Safe);
            return (XDocument.Load(reader).Root, null);
        }
        catch (XmlException dtd) when (dtd.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return (null, "The submission carries a DOCTYPE (a DTD, perhaps an external entity). Amani never processes one: send the instance XML without it.");
        }
        catch (XmlException malformed)
        {
            return (null, $"The submission is not well-formed XML (line {malformed.LineNumber}, position {malformed.LinePosition}): {malformed.Message}");
        }
    }

    private static (SubmissionPost?, IResult?) Refuse(int status, string message) => (null, OpenRosaXml.Message(status, message));
}
