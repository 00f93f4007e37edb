// STAND-IN: replaced at merge by the real compiler
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Amani.Governance.Surveys.Forms;

/// <summary>Stand-in: the XLSForm compiler is written elsewhere; until it is merged, every XLSForm is refused.</summary>
public static class XlsFormConverter
{
    public static FormCompilation Convert(Stream xlsx) =>
        new(null, null, [new FormProblem("survey", null, null, "XLSForm conversion not available yet")]);
}

/// <summary>Stand-in: reads an XForm's id, version, title and media references, refusing DTDs.</summary>
public static partial class XFormReader
{
    private static readonly XNamespace Html = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace XForms = "http://www.w3.org/2002/xforms";

    public static FormCompilation Read(Stream xml)
    {
        string text;
        using (var read = new StreamReader(xml))
            text = read.ReadToEnd();
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException problem)
        {
            return Refused(problem.LineNumber == 0 ? null : problem.LineNumber, $"The file is not well-formed XML: {problem.Message}");
        }
        var title = document.Root?.Element(Html + "head")?.Element(Html + "title")?.Value;
        var root = document.Root?.Element(Html + "head")?.Element(XForms + "model")?.Element(XForms + "instance")?.Elements().FirstOrDefault();
        if (document.Root?.Name != Html + "html" || root is null)
            return Refused(null, "The file is not an XForm: it needs an h:html root with a model and a primary instance.");
        var id = root.Attribute("id")?.Value;
        if (string.IsNullOrWhiteSpace(id))
            return Refused(null, "The primary instance's root has no id attribute (the form id).");
        var media = MediaReference().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        return new FormCompilation(text, new FormInfo(id, root.Attribute("version")?.Value ?? "", title ?? id, null, [], [], media), []);
    }

    private static FormCompilation Refused(int? row, string message) => new(null, null, [new FormProblem("xform", row, null, message)]);

    [GeneratedRegex(@"jr://(?:images|audio|video|file|file-csv)/([^""'<\s]+)")]
    private static partial Regex MediaReference();
}

public sealed record FormCompilation(string? XForm, FormInfo? Info, IReadOnlyList<FormProblem> Problems)
{
    public bool Ok => Problems.Count == 0 && XForm is not null;
}

public sealed record FormInfo(string FormId, string Version, string Title, string? DefaultLanguage, IReadOnlyList<string> Languages,
    IReadOnlyList<FormField> Fields, IReadOnlyList<string> MediaFiles);

public sealed record FormField(string Path, string Name, string Type, bool InRepeat, string? ChoiceList, IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<FormChoice> Choices);

public sealed record FormChoice(string Name, IReadOnlyDictionary<string, string> Labels);

public sealed record FormProblem(string Sheet, int? Row, string? Column, string Message);
