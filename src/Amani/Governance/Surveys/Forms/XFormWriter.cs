using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Amani.Governance.Surveys.Forms;

/// <summary>A form ready to be written: the survey tree with its expressions and texts resolved, lists, settings, languages.</summary>
internal sealed record XlsCompiledForm(
    XlsContainer Root,
    IReadOnlyList<XlsChoiceList> Lists,
    string FormId,
    string Title,
    IReadOnlyList<string> Languages,
    string? DefaultLanguage,
    bool UseItext,
    Func<XlsChoice, Dictionary<string, string>> ChoiceLabels,
    Func<Dictionary<(string Form, string Language), string>, Dictionary<(string Form, string Language), string>> FillMedia);

/// <summary>
/// Writes the ODK XForm of a compiled form, in the shape pyxform gives it (ODK XForms 1.0): h:html with h:head/h:title,
/// a model with itext translations, the primary instance (<c>id</c> and <c>version</c> on its root, repeats as a
/// <c>jr:template</c> and a first instance, meta/instanceID last), one secondary instance per choice list, binds; the body
/// with input, select1, select, upload, trigger, groups and repeats; selects as itemsets over the list's instance.
/// </summary>
internal static class XFormWriter
{
    public static readonly XNamespace X = "http://www.w3.org/2002/xforms";
    public static readonly XNamespace H = "http://www.w3.org/1999/xhtml";
    public static readonly XNamespace Jr = "http://openrosa.org/javarosa";
    public static readonly XNamespace Odk = "http://www.opendatakit.org/xforms";
    public static readonly XNamespace Orx = "http://openrosa.org/xforms";
    private static readonly XNamespace Ev = "http://www.w3.org/2001/xml-events";
    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";

    public static XDocument Write(XlsCompiledForm form, string? version)
    {
        var model = new XElement(X + "model", new XAttribute(Odk + "xforms-version", "1.0.0"));
        if (form.UseItext)
            model.Add(Itext(form));
        var primary = Instance(form.Root, template: false, inRepeat: false);
        primary.ReplaceAttributes(new XAttribute("id", form.FormId), version is null ? null : new XAttribute("version", version));
        primary.Add(new XElement(X + "meta", new XElement(X + "instanceID")));
        model.Add(new XElement(X + "instance", primary));
        foreach (var list in form.Lists)
            model.Add(ChoiceInstance(form, list));
        foreach (var node in form.Root.Descendants())
            if (Bind(node) is { } bind)
                model.Add(bind);
        model.Add(new XElement(X + "bind", new XAttribute("nodeset", $"/{XlsSurveySheet.RootName}/meta/instanceID"),
            new XAttribute("type", "string"), new XAttribute("readonly", "true()"),
            new XAttribute("calculate", "concat('uuid:', uuid())")));
        foreach (var question in form.Root.Descendants().OfType<XlsQuestion>().Where(q => !q.InRepeat))
            if (question.Compiled.TryGetValue("default", out var value))
                model.Add(SetValue(question, value, "odk-instance-first-load"));

        var html = new XElement(H + "html",
            new XAttribute("xmlns", X.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "ev", Ev.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "h", H.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "jr", Jr.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "odk", Odk.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "orx", Orx.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsd", Xsd.NamespaceName),
            new XElement(H + "head", new XElement(H + "title", form.Title), model),
            new XElement(H + "body", form.Root.Children.Select(c => Control(form, c)).OfType<XElement>()));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), html);
    }

    /// <summary>The document as UTF-8 text (no byte order mark), indented.</summary>
    public static string Text(XDocument document)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            document.Save(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static XElement Instance(XlsContainer container, bool template, bool inRepeat)
    {
        var element = new XElement(X + container.Name);
        foreach (var child in container.Children)
        {
            if (child is XlsQuestion question)
                element.Add(new XElement(X + question.Name, question.StaticDefault));
            else if (child is XlsContainer { IsRepeat: true } repeat)
            {
                if (template || !inRepeat)
                    element.Add(Instance(repeat, template: true, inRepeat: true));
                if (!template)
                    element.Add(Instance(repeat, template: false, inRepeat: true));
            }
            else
                element.Add(Instance((XlsContainer)child, template, inRepeat));
        }
        if (template && container.IsRepeat)
            element.Add(new XAttribute(Jr + "template", ""));
        return element;
    }

    private static XElement ChoiceInstance(XlsCompiledForm form, XlsChoiceList list)
    {
        var items = list.Choices.Select((choice, index) =>
        {
            var item = new XElement(X + "item", new XElement(X + "name", choice.Name));
            if (form.UseItext)
                item.Add(new XElement(X + "itextId", $"{list.Name}-{index}"));
            else if (form.ChoiceLabels(choice).TryGetValue("default", out var label))
                item.Add(new XElement(X + "label", label));
            foreach (var (column, value) in choice.Extra.Where(e => e.Value.Length > 0))
                item.Add(new XElement(X + column, value));
            return item;
        });
        return new XElement(X + "instance", new XAttribute("id", list.Name), new XElement(X + "root", items));
    }

    private static XElement Itext(XlsCompiledForm form)
    {
        var translations = form.Languages.ToDictionary(l => l, l => new XElement(X + "translation",
            new XAttribute("lang", l), l == form.DefaultLanguage ? new XAttribute("default", "true()") : null));
        foreach (var node in form.Root.Descendants())
        {
            foreach (var (kind, byLanguage) in node.Parts)
            {
                var media = kind == "label" ? form.FillMedia(node.Media) : [];
                foreach (var language in form.Languages)
                {
                    var text = new XElement(X + "text", new XAttribute("id", $"{node.Path}:{kind}"));
                    if (byLanguage.TryGetValue(language, out var parts))
                        text.Add(new XElement(X + "value", Mixed(parts)));
                    text.Add(MediaValues(media, language));
                    translations[language].Add(text);
                }
            }
        }
        foreach (var list in form.Lists)
            for (var index = 0; index < list.Choices.Count; index++)
            {
                var labels = form.ChoiceLabels(list.Choices[index]);
                var media = form.FillMedia(list.Choices[index].Media);
                foreach (var language in form.Languages)
                {
                    var text = new XElement(X + "text", new XAttribute("id", $"{list.Name}-{index}"));
                    if (labels.TryGetValue(language, out var label))
                        text.Add(new XElement(X + "value", label));
                    text.Add(MediaValues(media, language));
                    translations[language].Add(text);
                }
            }
        return new XElement(X + "itext", translations.Values);
    }

    private static IEnumerable<XElement> MediaValues(Dictionary<(string Form, string Language), string> media, string language) =>
        media.Where(m => m.Key.Language == language).Select(m => new XElement(X + "value", new XAttribute("form", m.Key.Form),
            MediaPrefix(m.Key.Form) + m.Value));

    public static string MediaPrefix(string form) => form switch
    {
        "audio" => "jr://audio/",
        "video" => "jr://video/",
        _ => "jr://images/",
    };

    private static IEnumerable<object> Mixed(IReadOnlyList<XFormLabelPart> parts) =>
        parts.Select(p => p.Output is null ? (object)new XText(p.Text!) : new XElement(X + "output", new XAttribute("value", p.Output)));

    private static XElement? Bind(XlsNode node)
    {
        var bind = new XElement(X + "bind", new XAttribute("nodeset", node.Path));
        if (node is XlsQuestion question)
        {
            bind.Add(new XAttribute("type", question.Type.BindType));
            if (question.Type.ReadOnly)
                bind.Add(new XAttribute("readonly", "true()"));
            if (question.Type.Preload is { } preload)
                bind.Add(new XAttribute(Jr + "preload", preload), new XAttribute(Jr + "preloadParams", question.Type.PreloadParams!));
        }
        foreach (var attribute in new[] { "required", "relevant", "constraint", "calculate" })
            if (node.Compiled.TryGetValue(attribute, out var expression))
                bind.Add(new XAttribute(attribute, expression));
        foreach (var message in new[] { "jr:constraintMsg", "jr:requiredMsg" })
            if (node.Parts.TryGetValue(message, out var byLanguage))
                bind.Add(new XAttribute(Jr + message[3..], node.Compiled.TryGetValue(message, out var plain)
                    ? plain : $"jr:itext('{node.Path}:{message}')"));
        return node is XlsContainer && bind.Attributes().Count() == 1 ? null : bind;
    }

    private static XElement SetValue(XlsQuestion question, string value, string events) =>
        new(X + "setvalue", new XAttribute("event", events), new XAttribute("ref", question.Path), new XAttribute("value", value));

    private static XElement? Control(XlsCompiledForm form, XlsNode node)
    {
        if (node is XlsContainer container)
        {
            var children = container.Children.Select(c => Control(form, c)).OfType<XElement>();
            if (!container.IsRepeat)
                return new XElement(X + "group", new XAttribute("ref", node.Path),
                    node.Appearance is { } a ? new XAttribute("appearance", a) : null,
                    Text(form, node, "label"), children);
            var repeat = new XElement(X + "repeat", new XAttribute("nodeset", node.Path),
                node.Appearance is { } appearance ? new XAttribute("appearance", appearance) : null,
                node.Compiled.TryGetValue("jr:count", out var count) ? new XAttribute(Jr + "count", count) : null,
                children,
                container.Descendants().OfType<XlsQuestion>()
                    .Where(q => q.Ancestors().First(a => a.IsRepeat) == container && q.Compiled.ContainsKey("default"))
                    .Select(q => SetValue(q, q.Compiled["default"], "odk-instance-first-load odk-new-repeat")));
            return new XElement(X + "group", new XAttribute("ref", node.Path), Text(form, node, "label"), repeat);
        }
        var question = (XlsQuestion)node;
        if (question.Type.Control is not { } control)
            return null;
        var element = new XElement(X + control, new XAttribute("ref", node.Path),
            question.Type.MediaType is { } mediaType ? new XAttribute("mediatype", mediaType) : null,
            node.Appearance is { } look ? new XAttribute("appearance", look) : null,
            Text(form, node, "label"), Text(form, node, "hint"));
        if (question.Type.IsSelect)
        {
            var nodeset = $"instance('{question.ListName}')/root/item" +
                          (question.Compiled.TryGetValue("choice_filter", out var filter) ? $"[{filter}]" : "");
            element.Add(new XElement(X + "itemset", new XAttribute("nodeset", nodeset),
                new XElement(X + "value", new XAttribute("ref", "name")),
                new XElement(X + "label", new XAttribute("ref", form.UseItext ? "jr:itext(itextId)" : "label"))));
        }
        return element;
    }

    private static XElement? Text(XlsCompiledForm form, XlsNode node, string kind)
    {
        var hasMedia = kind == "label" && node.Media.Count > 0;
        if (!node.Parts.TryGetValue(kind, out var byLanguage) && !hasMedia)
            return null;
        if (form.UseItext)
            return new XElement(X + kind, new XAttribute("ref", $"jr:itext('{node.Path}:{kind}')"));
        return byLanguage is not null && byLanguage.TryGetValue("default", out var parts) ? new XElement(X + kind, Mixed(parts)) : null;
    }
}
