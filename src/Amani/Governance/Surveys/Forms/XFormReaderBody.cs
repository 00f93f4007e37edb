using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Amani.Governance.Surveys.Forms;

/// <summary>
/// The body of an uploaded XForm, for <see cref="XFormReader"/>: its controls walked against the instance (groups,
/// repeats, the control bound to each node), the itext translations behind labels and hints, the choices of a select
/// (inline items or an itemset over a secondary instance) and the question type a bind and its control make.
/// </summary>
public static partial class XFormReader
{
    private static void WalkBody(XElement parent, string context, Dictionary<string, XElement> nodes, Dictionary<string, XElement> controls,
        HashSet<string> containers, HashSet<string> repeats, Action<XObject?, string> problem)
    {
        foreach (var element in parent.Elements())
        {
            var name = element.Name.LocalName;
            if (name is "group" or "repeat")
            {
                var reference = (string?)element.Attribute(name == "group" ? "ref" : "nodeset");
                var path = context;
                if (reference is not null)
                {
                    path = Normalize(reference, context) ?? "";
                    if (!nodes.ContainsKey(path))
                    {
                        problem(element, $"The {name} refers to '{reference}', which is not a node of the primary instance.");
                        continue;
                    }
                    containers.Add(path);
                    if (name == "repeat")
                        repeats.Add(path);
                }
                WalkBody(element, path, nodes, controls, containers, repeats, problem);
            }
            else if (ControlNames.Contains(name))
            {
                var reference = (string?)element.Attribute("ref");
                var path = reference is null ? null : Normalize(reference, context);
                if (path is null || !nodes.ContainsKey(path))
                    problem(element, $"The <{name}> control refers to '{reference}', which is not a node of the primary instance.");
                else
                    controls.TryAdd(path, element);
            }
        }
    }

    /// <summary>itext id → language → (text value, the value without a form attribute).</summary>
    private static Dictionary<string, Dictionary<string, XElement>> Itext(IEnumerable<XElement> translations)
    {
        var itext = new Dictionary<string, Dictionary<string, XElement>>(StringComparer.Ordinal);
        foreach (var translation in translations)
        {
            var language = (string?)translation.Attribute("lang") ?? "";
            foreach (var text in translation.Elements(X + "text"))
            {
                var id = (string?)text.Attribute("id") ?? "";
                if (!itext.TryGetValue(id, out var byLanguage))
                    itext[id] = byLanguage = new Dictionary<string, XElement>(StringComparer.Ordinal);
                if (text.Elements(X + "value").FirstOrDefault(v => v.Attribute("form") is null) is { } value)
                    byLanguage.TryAdd(language, value);
            }
        }
        return itext;
    }

    /// <summary>A label element's text per language: its itext values, or its own text under "default".</summary>
    private static Dictionary<string, string> LabelTexts(XElement label, Dictionary<string, Dictionary<string, XElement>> itext)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ItextRef().Match((string?)label.Attribute("ref") ?? "") is { Success: true } match)
        {
            if (itext.TryGetValue(match.Groups[1].Value, out var byLanguage))
                foreach (var (language, value) in byLanguage)
                    if (Mixed(value) is { Length: > 0 } text)
                        texts[language] = text;
        }
        else if (Mixed(label) is { Length: > 0 } text)
            texts["default"] = text;
        return texts;
    }

    private static string Mixed(XElement element) => XFormLabels.Text(element.Nodes().Select(n => n switch
    {
        XText t => new XFormLabelPart(t.Value, null),
        XElement { Name.LocalName: "output" } o => new XFormLabelPart(null, (string?)o.Attribute("value") ?? ""),
        XElement e => new XFormLabelPart(e.Value, null),
        _ => new XFormLabelPart("", null),
    }));

    private static (string? List, IReadOnlyList<FormChoice> Choices) Choices(XElement? control,
        Dictionary<string, XElement> secondary, Dictionary<string, Dictionary<string, XElement>> itext)
    {
        if (control is null)
            return (null, []);
        if (control.Element(X + "itemset") is { } itemset)
        {
            var match = InstanceCall().Match((string?)itemset.Attribute("nodeset") ?? "");
            if (!match.Success || !secondary.TryGetValue(match.Groups[1].Value, out var instance))
                return (null, []);
            var valueRef = (string?)itemset.Element(X + "value")?.Attribute("ref") ?? "name";
            var labelRef = (string?)itemset.Element(X + "label")?.Attribute("ref") ?? "label";
            var itextMatch = Regex.Match(labelRef, @"^jr:itext\(\s*([^)\s]+)\s*\)$");
            var choices = instance.Elements().FirstOrDefault()?.Elements().Select(item =>
            {
                var name = item.Elements().FirstOrDefault(e => e.Name.LocalName == valueRef)?.Value.Trim() ?? "";
                Dictionary<string, string> labels;
                if (itextMatch.Success)
                {
                    var id = item.Elements().FirstOrDefault(e => e.Name.LocalName == itextMatch.Groups[1].Value)?.Value.Trim() ?? "";
                    labels = itext.TryGetValue(id, out var byLanguage)
                        ? byLanguage.ToDictionary(p => p.Key, p => Mixed(p.Value), StringComparer.Ordinal)
                        : new Dictionary<string, string>(StringComparer.Ordinal);
                }
                else
                {
                    labels = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (item.Elements().FirstOrDefault(e => e.Name.LocalName == labelRef) is { } label && label.Value.Trim() is { Length: > 0 } text)
                        labels["default"] = text;
                }
                return new FormChoice(name, labels);
            }).ToList() ?? [];
            return (match.Groups[1].Value, choices);
        }
        var items = control.Elements(X + "item").Select(item => new FormChoice(
            item.Element(X + "value")?.Value.Trim() ?? "",
            item.Element(X + "label") is { } label ? LabelTexts(label, itext) : new Dictionary<string, string>(StringComparer.Ordinal))).ToList();
        return (null, items);
    }

    /// <summary>The XLSForm type name of a question from its bind and body control.</summary>
    private static string TypeOf(XElement? bind, XElement? control)
    {
        var bindType = (string?)bind?.Attribute("type") ?? "string";
        bindType = bindType.Contains(':') ? bindType[(bindType.IndexOf(':') + 1)..] : bindType;
        var preload = ((string?)bind?.Attribute(Jr + "preload"), (string?)bind?.Attribute(Jr + "preloadParams"));
        switch (preload)
        {
            case ("timestamp", "start"): return "start";
            case ("timestamp", "end"): return "end";
            case ("date", "today"): return "today";
            case ("property", "deviceid"): return "deviceid";
            case ("property", "username"): return "username";
        }
        if (control is null)
            return bind?.Attribute("calculate") is not null ? "calculate" : "hidden";
        switch (control.Name.LocalName)
        {
            case "select1": return "select_one";
            case "select": return "select_multiple";
            case "trigger": return "acknowledge";
            case "rank": return "rank";
            case "range": return "range";
            case "upload":
                var mediaType = (string?)control.Attribute("mediatype") ?? "";
                return mediaType.StartsWith("image/", StringComparison.Ordinal) ? "image"
                    : mediaType.StartsWith("audio/", StringComparison.Ordinal) ? "audio"
                    : mediaType.StartsWith("video/", StringComparison.Ordinal) ? "video" : "file";
        }
        if (bindType == "string" && ((string?)bind?.Attribute("readonly"))?.Replace(" ", "") == "true()")
            return "note";
        return bindType switch
        {
            "string" => "text",
            "int" => "integer",
            "dateTime" => "datetime",
            _ => bindType,
        };
    }
}
