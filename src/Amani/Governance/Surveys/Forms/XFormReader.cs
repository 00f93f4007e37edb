using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Amani.Governance.Surveys.Forms;

/// <summary>
/// Reads an uploaded ODK XForm: parses it safely (no DTD: a DOCTYPE is refused and no entity, internal or external, is
/// ever resolved; at most <see cref="MaxBytes"/>), checks its structure (h:html, h:head/h:title, model, a primary instance
/// whose root has an id and holds meta/instanceID, binds and controls that point at instance nodes, itext and choice
/// instances that exist, expressions that parse as XPath) and extracts the same <see cref="FormInfo"/> the converter
/// gives. Problems carry sheet "xml" and the line.
/// </summary>
public static partial class XFormReader
{
    /// <summary>The largest XForm read (bytes).</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    private static readonly XNamespace X = XFormWriter.X;
    private static readonly XNamespace H = XFormWriter.H;
    private static readonly XNamespace Jr = XFormWriter.Jr;
    private static readonly HashSet<string> ControlNames = ["input", "select1", "select", "upload", "trigger", "range", "rank", "secret"];
    private static readonly HashSet<string> MediaForms = ["image", "big-image", "audio", "video"];

    [GeneratedRegex(@"^[\p{L}\p{Nd}_.\-]{1,100}$")]
    private static partial Regex FormIdPattern();

    [GeneratedRegex(@"^jr:itext\(\s*'([^']*)'\s*\)$")]
    private static partial Regex ItextRef();

    [GeneratedRegex(@"^\s*instance\(\s*'([^']+)'\s*\)")]
    private static partial Regex InstanceCall();

    public static FormCompilation Read(Stream xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var bytes = ReadLimited(xml);
        if (bytes is null)
            return FormCompilation.Refused([new FormProblem("xml", null, null,
                $"The XForm is larger than {MaxBytes / (1024 * 1024)} MB. Move long choice lists to the 'choices' sheet of an XLSForm, or split the form.")]);
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersFromEntities = 0,
                MaxCharactersInDocument = MaxBytes,
            };
            using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            var text = Encoding.UTF8.GetString(bytes);
            var doctype = text.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
            var line = doctype >= 0 ? text[..doctype].Count(c => c == '\n') + 1 : e.LineNumber == 0 ? (int?)null : e.LineNumber;
            return FormCompilation.Refused([new FormProblem("xml", line, null, doctype >= 0
                ? "The XML declares a DOCTYPE. Amani never reads document type definitions or entities (they can make a " +
                  "server read its own files); an XForm needs none: remove the <!DOCTYPE …> declaration."
                : $"The file is not well-formed XML: {e.Message} Fix the XML (an XML editor or 'xmllint --noout' shows where).")]);
        }
        var problems = new List<FormProblem>();
        var info = Extract(document, problems);
        if (problems.Count > 0 || info is null)
            return FormCompilation.Refused(problems);
        document.Declaration = new XDeclaration("1.0", "utf-8", null);
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
            document.Save(writer);
        return new FormCompilation(Encoding.UTF8.GetString(buffer.ToArray()), info, []);
    }

    private static byte[]? ReadLimited(Stream xml)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = xml.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
                return null;
        }
        return buffer.ToArray();
    }

    private static int? Line(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

    private static FormInfo? Extract(XDocument document, List<FormProblem> problems)
    {
        void Problem(XObject? at, string message) => problems.Add(new FormProblem("xml", at is null ? null : Line(at), null, message));

        var html = document.Root!;
        if (html.Name != H + "html")
        {
            Problem(html, $"The root element is <{html.Name.LocalName}> in '{html.Name.NamespaceName}', not <h:html> in the XHTML " +
                          "namespace (http://www.w3.org/1999/xhtml): this is not an ODK XForm.");
            return null;
        }
        var head = html.Element(H + "head");
        var body = html.Element(H + "body");
        var model = head?.Element(X + "model");
        if (head is null)
            Problem(html, "The XForm has no <h:head>; it must hold the title and the model.");
        else if (string.IsNullOrWhiteSpace(head.Element(H + "title")?.Value))
            Problem(head, "The XForm has no <h:title> (or an empty one) in <h:head>; ODK Collect lists forms by their title.");
        if (head is not null && model is null)
            Problem(head, "The XForm has no <model> (in the XForms namespace http://www.w3.org/2002/xforms) in <h:head>.");
        if (body is null)
            Problem(html, "The XForm has no <h:body>; it must hold the questions' controls.");
        var instances = model?.Elements(X + "instance").ToList() ?? [];
        if (model is not null && instances.Count == 0)
            Problem(model, "The model has no <instance>: the first instance holds the data a submission sends.");
        if (model is null || instances.Count == 0)
            return null;
        var roots = instances[0].Elements().ToList();
        if (roots.Count != 1)
        {
            Problem(instances[0], $"The primary instance must hold exactly one root element; it holds {roots.Count}.");
            return null;
        }
        var root = roots[0];
        var formId = (string?)root.Attribute("id");
        if (string.IsNullOrWhiteSpace(formId))
            Problem(root, $"The primary instance's root <{root.Name.LocalName}> has no id attribute. Add id=\"your_form_id\": " +
                          "ODK Collect and Amani identify the form and its submissions by it.");
        else if (!FormIdPattern().IsMatch(formId))
            Problem(root, $"The form id '{formId}' is invalid: use at most 100 letters, digits, '_', '.' or '-' (no spaces or slashes).");
        var meta = root.Elements().FirstOrDefault(e => e.Name.LocalName == "meta");
        if (meta?.Elements().Any(e => e.Name.LocalName == "instanceID") != true)
            Problem(root, "The primary instance has no meta/instanceID. Add <meta><instanceID/></meta> with a bind " +
                          "calculate=\"concat('uuid:', uuid())\": each submission is identified (and a duplicate recognised) by it.");

        var nodes = new Dictionary<string, XElement>(StringComparer.Ordinal);
        var order = new List<string>();
        Index(root, "", nodes, order);
        var secondary = instances.Skip(1).Where(i => i.Attribute("id") is not null)
            .GroupBy(i => (string)i.Attribute("id")!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var translations = model.Element(X + "itext")?.Elements(X + "translation").ToList() ?? [];
        var itext = Itext(translations);

        var binds = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var bind in model.Elements(X + "bind"))
        {
            var nodeset = (string?)bind.Attribute("nodeset");
            var path = nodeset is null ? null : Normalize(nodeset, "/" + root.Name.LocalName);
            if (path is null || !nodes.ContainsKey(path))
            {
                Problem(bind, $"A bind's nodeset '{nodeset}' is not a node of the primary instance. Each bind must point at an instance element.");
                continue;
            }
            binds.TryAdd(path, bind);
            foreach (var attribute in new[] { "relevant", "constraint", "calculate", "required", "readonly" })
                if ((string?)bind.Attribute(attribute) is { Length: > 0 } expression && XlsExpressions.XPathError(expression) is { } error)
                    Problem(bind, $"The {attribute} of the bind for {path} is not valid XPath: {error} The expression read: {expression}");
        }

        var controls = new Dictionary<string, XElement>(StringComparer.Ordinal);
        var containers = new HashSet<string>(StringComparer.Ordinal);
        var repeats = new HashSet<string>(StringComparer.Ordinal);
        if (body is not null)
            WalkBody(body, "/" + root.Name.LocalName, nodes, controls, containers, repeats, Problem);
        foreach (var (path, control) in controls)
        {
            foreach (var text in control.Elements().Where(e => e.Name == X + "label" || e.Name == X + "hint"))
                if (ItextRef().Match((string?)text.Attribute("ref") ?? "") is { Success: true } match && !itext.ContainsKey(match.Groups[1].Value))
                    Problem(text, $"The {text.Name.LocalName} of {path} refers to the itext id '{match.Groups[1].Value}', which no translation defines.");
            if (control.Element(X + "itemset") is { } itemset
                && InstanceCall().Match((string?)itemset.Attribute("nodeset") ?? "") is { Success: true } list
                && !secondary.ContainsKey(list.Groups[1].Value))
                Problem(itemset, $"The choices of {path} come from instance('{list.Groups[1].Value}'), which the model does not define.");
        }
        if (problems.Count > 0)
            return null;

        var languages = translations.Count == 0 ? ["default"] : translations.Select(t => (string?)t.Attribute("lang") ?? "").Distinct().ToList();
        var defaultLanguage = translations.FirstOrDefault(t => ((string?)t.Attribute("default"))?.StartsWith("true", StringComparison.Ordinal) == true)
            ?.Attribute("lang")?.Value;
        var fields = new List<FormField>();
        foreach (var path in order)
        {
            var element = nodes[path];
            if (element.HasElements || containers.Contains(path) || path.StartsWith("/" + root.Name.LocalName + "/meta/", StringComparison.Ordinal)
                || path == "/" + root.Name.LocalName)
                continue;
            binds.TryGetValue(path, out var bind);
            controls.TryGetValue(path, out var control);
            var inRepeat = element.Ancestors().Any(a => a.Attribute(Jr + "template") is not null || repeats.Contains(PathOf(a, root)));
            var (listName, choices) = Choices(control, secondary, itext);
            var labels = control?.Element(X + "label") is { } label ? LabelTexts(label, itext) : new Dictionary<string, string>(StringComparer.Ordinal);
            fields.Add(new FormField(path, element.Name.LocalName, TypeOf(bind, control), inRepeat, listName, labels, choices));
        }
        var media = translations.SelectMany(t => t.Descendants(X + "value"))
            .Where(v => MediaForms.Contains((string?)v.Attribute("form") ?? ""))
            .Select(v => v.Value.Trim()).Where(v => v.StartsWith("jr://", StringComparison.Ordinal))
            .Concat(instances.Skip(1).Select(i => (string?)i.Attribute("src") ?? "").Where(s => s.StartsWith("jr://file", StringComparison.Ordinal)))
            .Select(v => v[(v.LastIndexOf('/') + 1)..]).Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new FormInfo(formId!, (string?)root.Attribute("version") ?? "", head!.Element(H + "title")!.Value.Trim(),
            defaultLanguage, languages, fields, media);
    }

    /// <summary>Every element of the primary instance by path (local names), the first occurrence of a repeated path kept.</summary>
    private static void Index(XElement element, string parent, Dictionary<string, XElement> nodes, List<string> order)
    {
        var path = parent + "/" + element.Name.LocalName;
        if (nodes.TryAdd(path, element))
            order.Add(path);
        foreach (var child in element.Elements())
            Index(child, path, nodes, order);
    }

    private static string PathOf(XElement element, XElement root) =>
        "/" + string.Join("/", element.AncestorsAndSelf().TakeWhile(e => e != root.Parent).Reverse().Select(e => e.Name.LocalName));

    /// <summary>A ref or nodeset as an absolute path of local names (prefixes dropped), relative ones against the context.</summary>
    private static string? Normalize(string reference, string context)
    {
        var text = reference.Trim();
        if (text.StartsWith("current()/", StringComparison.Ordinal))
            text = text["current()/".Length..];
        var steps = new List<string>(text.StartsWith('/') ? [] : context.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var step in text.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (step == ".")
                continue;
            if (step == "..")
            {
                if (steps.Count == 0)
                    return null;
                steps.RemoveAt(steps.Count - 1);
                continue;
            }
            if (step.Contains('[') || step.Contains('('))
                return null;
            steps.Add(step.Contains(':') ? step[(step.IndexOf(':') + 1)..] : step);
        }
        return "/" + string.Join("/", steps);
    }
}
