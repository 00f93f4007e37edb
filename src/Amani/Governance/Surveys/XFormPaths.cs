using System.Xml;
using System.Xml.Linq;

namespace Amani.Governance.Surveys;

/// <summary>
/// Reads what the server needs of XML it is given: the binary questions of an XForm (their answers name attachments),
/// and, in a submission, the file names those questions hold. DTDs are refused, never processed: no entity is ever
/// expanded or fetched.
/// </summary>
public static class XFormPaths
{
    public static XmlReaderSettings Safe { get; } = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 0 };

    /// <summary>
    /// The paths, below the instance root (<c>group/photo</c>), of the XForm's binds of type binary; null when the XForm
    /// is not well-formed.
    /// </summary>
    public static IReadOnlyList<string>? Binary(string xform)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xform), Safe);
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
        return document.Descendants().Where(e => e.Name.LocalName == "bind")
            .Where(b => (string?)b.Attribute("type") is "binary" or "xsd:base64Binary")
            .Select(b => (string?)b.Attribute("nodeset"))
            .OfType<string>()
            .Select(RelativePath)
            .Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary><c>/data/group/photo</c> → <c>group/photo</c>.</summary>
    public static string RelativePath(string nodeset)
    {
        var parts = nodeset.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length <= 1 ? "" : string.Join('/', parts.Skip(1).Select(p => p.Contains(':') ? p[(p.IndexOf(':') + 1)..] : p));
    }

    /// <summary>The file names the submission's binary answers hold (in repeats too), each once.</summary>
    public static IReadOnlyList<string> AttachmentNames(XElement root, IReadOnlyList<string> binaryPaths)
    {
        if (binaryPaths.Count == 0)
            return [];
        var wanted = binaryPaths.ToHashSet(StringComparer.Ordinal);
        var names = new List<string>();
        void Walk(XElement element, string path)
        {
            foreach (var child in element.Elements())
            {
                var childPath = path.Length == 0 ? child.Name.LocalName : path + "/" + child.Name.LocalName;
                if (wanted.Contains(childPath) && !child.HasElements && child.Value.Trim() is { Length: > 0 } name && !names.Contains(name))
                    names.Add(name);
                else if (child.HasElements)
                    Walk(child, childPath);
            }
        }
        Walk(root, "");
        return names;
    }
}
