using System.Text;
using System.Xml.Linq;

namespace Amani.Governance.Surveys.OpenRosa;

/// <summary>A form as the form list describes it.</summary>
public sealed record FormListEntry(string FormId, string Name, string Version, string Md5, string DownloadUrl, string? ManifestUrl);

/// <summary>A media file as the manifest describes it.</summary>
public sealed record ManifestEntry(string FileName, string Md5, string DownloadUrl);

/// <summary>
/// The OpenRosa documents (OpenRosa 1.0: the form list API, the manifest, the HTTP response messages), written with
/// <see cref="XElement"/> so that every name and text is escaped. Every answer is <c>text/xml</c> in UTF-8.
/// </summary>
public static class OpenRosaXml
{
    public const string ContentType = "text/xml; charset=utf-8";
    private static readonly XNamespace FormListNs = "http://openrosa.org/xforms/xformsList";
    private static readonly XNamespace ManifestNs = "http://openrosa.org/xforms/xformsManifest";
    private static readonly XNamespace ResponseNs = "http://openrosa.org/http/response";

    /// <summary>An <c>OpenRosaResponse</c> with one message, as phones show it to the enumerator.</summary>
    public static IResult Message(int status, string text) =>
        Xml(new XElement(ResponseNs + "OpenRosaResponse", new XAttribute("items", 0),
            new XElement(ResponseNs + "message", new XAttribute("nature", status < 300 ? "submit_success" : "error"), text)), status);

    public static IResult FormList(IEnumerable<FormListEntry> forms) =>
        Xml(new XElement(FormListNs + "xforms", forms.Select(f => new XElement(FormListNs + "xform",
            new XElement(FormListNs + "formID", f.FormId),
            new XElement(FormListNs + "name", f.Name),
            new XElement(FormListNs + "version", f.Version),
            new XElement(FormListNs + "hash", "md5:" + f.Md5),
            new XElement(FormListNs + "downloadUrl", f.DownloadUrl),
            f.ManifestUrl is null ? null : new XElement(FormListNs + "manifestUrl", f.ManifestUrl)))), StatusCodes.Status200OK);

    public static IResult Manifest(IEnumerable<ManifestEntry> files) =>
        Xml(new XElement(ManifestNs + "manifest", files.Select(f => new XElement(ManifestNs + "mediaFile",
            new XElement(ManifestNs + "filename", f.FileName),
            new XElement(ManifestNs + "hash", "md5:" + f.Md5),
            new XElement(ManifestNs + "downloadUrl", f.DownloadUrl)))), StatusCodes.Status200OK);

    /// <summary>The same answer with one more header (<c>WWW-Authenticate</c>, <c>Retry-After</c>).</summary>
    public static IResult WithHeader(IResult answer, string name, string value) => new Headed(answer, name, value);

    private sealed record Headed(IResult Answer, string Name, string Value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[Name] = Value;
            return Answer.ExecuteAsync(httpContext);
        }
    }

    private static IResult Xml(XElement root, int status) =>
        TypedResults.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting), ContentType, Encoding.UTF8, status);
}
