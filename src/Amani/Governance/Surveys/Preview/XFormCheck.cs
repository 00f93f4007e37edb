using System.Xml;

namespace Amani.Governance.Surveys.Preview;

/// <summary>What the preview learned of an XForm: its title, form id, version and the languages of its texts.</summary>
public sealed record XFormSummary(string Title, string FormId, string? Version, IReadOnlyList<string> Languages);

/// <summary>An XForm read and checked, or why it is not one (a message a person can act on).</summary>
public sealed record XFormCheckResult(XFormSummary? Form, string? Problem);

/// <summary>
/// Reads an uploaded XForm safely — no DTD (a <c>&lt;!DOCTYPE&gt;</c> is refused, so no entity is ever expanded or
/// fetched), no resolver, a bounded size — and checks that it is an ODK XForm: an XHTML <c>html</c> root with a
/// <c>head</c> holding a title and an XForms <c>model</c> whose first <c>instance</c> has one root element with an
/// <c>id</c> (the form id), and a <c>body</c>. The engine in the browser checks the rest (bindings, XPath).
/// </summary>
public static class XFormCheck
{
    public const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";
    public const string XFormsNamespace = "http://www.w3.org/2002/xforms";

    /// <summary>The largest XForm the preview reads (a 300-question form with three languages is about 400 KB).</summary>
    public const int MaxCharacters = 5_000_000;

    public static XFormCheckResult Check(string xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
            return Refused("The form is empty: choose an XForm file (.xml) or paste its XML.");
        if (xml.Length > MaxCharacters)
            return Refused($"The form is larger than {MaxCharacters / 1_000_000} MB: an XForm is usually under 1 MB; check that this is the right file.");
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
        };
        var document = new XmlDocument { XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document.Load(reader);
        }
        catch (XmlException error) when (error.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return Refused("The file declares a DOCTYPE, which an XForm never has and Amani never reads (it could make the server fetch or " +
                "expand entities): remove the <!DOCTYPE …> line, or export the form again from your XLSForm tool.");
        }
        catch (XmlException error)
        {
            return Refused($"The file is not well-formed XML (line {error.LineNumber}, position {error.LinePosition}): {error.Message} " +
                "Open it in a text editor, or export the form again from your XLSForm tool.");
        }
        return Inspect(document);
    }

    private static XFormCheckResult Inspect(XmlDocument document)
    {
        var root = document.DocumentElement!;
        if (root.LocalName != "html" || root.NamespaceURI != XhtmlNamespace)
            return Refused($"This is XML but not an XForm: its root element is <{root.Name}>, an XForm's is <h:html> in the XHTML namespace " +
                $"({XhtmlNamespace}). Upload the .xml file your XLSForm tool produced.");
        var head = Child(root, "head", XhtmlNamespace);
        if (head is null)
            return Refused("The XForm has no <h:head>: the head holds the form's title and its model.");
        var model = Child(head, "model", XFormsNamespace);
        if (model is null)
            return Refused($"The XForm's <h:head> has no <model> in the XForms namespace ({XFormsNamespace}).");
        var instance = Child(model, "instance", XFormsNamespace);
        var data = instance?.ChildNodes.OfType<XmlElement>().ToList();
        if (data is not [var main])
            return Refused("The XForm's model has no main <instance> with exactly one root element (the form's data).");
        var formId = main.GetAttribute("id");
        if (string.IsNullOrWhiteSpace(formId))
            return Refused($"The root element <{main.Name}> of the main instance has no id attribute: the form id (settings › form_id in an XLSForm).");
        if (Child(root, "body", XhtmlNamespace) is null)
            return Refused("The XForm has no <h:body>: the body lists the questions.");
        var title = Child(head, "title", XhtmlNamespace)?.InnerText.Trim();
        var itext = Child(model, "itext", XFormsNamespace);
        var languages = itext?.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "translation")
            .Select(e => e.GetAttribute("lang")).Where(l => l.Length > 0).ToList() ?? [];
        var version = main.GetAttribute("version");
        return new XFormCheckResult(new XFormSummary(string.IsNullOrEmpty(title) ? formId : title, formId,
            version.Length > 0 ? version : null, languages), null);
    }

    private static XmlElement? Child(XmlElement parent, string localName, string ns) =>
        parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == localName && e.NamespaceURI == ns);

    private static XFormCheckResult Refused(string problem) => new(null, problem);
}
