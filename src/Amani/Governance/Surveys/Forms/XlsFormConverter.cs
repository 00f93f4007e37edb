using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Amani.Governance.Surveys.Forms;

/// <summary>
/// Converts an XLSForm (.xlsx with the sheets survey, choices and settings) into an ODK XForm, as pyxform does, or
/// refuses it with every problem found, each with its sheet, row and column. Pure: no database, no file, no network.
/// See docs/governance/surveys-forms.md for what is supported.
/// </summary>
public static partial class XlsFormConverter
{
    private static readonly HashSet<string> Truthy = ["yes", "true", "true()", "1"];
    private static readonly HashSet<string> Falsy = ["no", "false", "false()", "0"];

    [GeneratedRegex(@"^[\p{L}\p{Nd}_.\-]{1,100}$")]
    private static partial Regex FormIdPattern();

    [GeneratedRegex(@"\$\{|[A-Za-z][\w:.\-]*\s*\(")]
    private static partial Regex DynamicDefault();

    /// <summary>Converts the workbook; the form id must then come from the settings sheet's form_id.</summary>
    public static FormCompilation Convert(Stream xlsx) => Convert(xlsx, null);

    /// <summary>
    /// Converts the workbook; without a form_id in the settings sheet, the form id is the file name without its
    /// extension (as pyxform does), letters, digits, '_', '.' and '-' kept.
    /// </summary>
    public static FormCompilation Convert(Stream xlsx, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        var (sheets, unreadable) = XlsWorkbook.Read(xlsx);
        if (unreadable is not null)
            return FormCompilation.Refused([unreadable]);
        var problems = new List<FormProblem>();
        if (!sheets!.TryGetValue("survey", out var surveySheet))
        {
            problems.Add(new FormProblem("survey", null, null,
                "The workbook has no 'survey' sheet. An XLSForm lists its questions on a sheet named 'survey' " +
                $"(sheets found: {string.Join(", ", sheets.Values.Select(s => $"'{s.Name}'"))})."));
            return FormCompilation.Refused(problems);
        }
        sheets.TryGetValue("settings", out var settingsSheet);
        var settings = XlsSettingsSheet.Parse(settingsSheet);
        var unnamedLanguage = settings.DefaultLanguage ?? "default";

        var root = XlsSurveySheet.Parse(surveySheet, unnamedLanguage, problems);
        sheets.TryGetValue("choices", out var choicesSheet);
        var lists = choicesSheet is null ? [] : XlsChoicesSheet.Parse(choicesSheet, unnamedLanguage, problems);
        CheckLists(root, choicesSheet, surveySheet, lists, problems);
        var formId = FormId(settings, settingsSheet, fileName, problems);
        var consent = XlsConsent.Find(root, lists, settings, settingsSheet, problems);
        if (problems.Count > 0)
            return FormCompilation.Refused(problems);

        var expressions = new XlsExpressions(root, problems);
        foreach (var node in root.Descendants())
            CompileNode(node, surveySheet.Name, expressions);
        if (problems.Count > 0)
            return FormCompilation.Refused(problems);
        if (consent is not null)
            XlsConsent.Gate(root, consent);

        var form = Assemble(root, lists.Values.ToList(), formId!, settings);
        var version = settings.Version ?? ContentVersion(XFormWriter.Text(XFormWriter.Write(form, null)));
        var xform = XFormWriter.Text(XFormWriter.Write(form, version));
        return new FormCompilation(xform, FormInfoOf(form, version) with { ConsentPath = consent?.Path }, []);
    }

    private static void CheckLists(XlsContainer root, XlsSheet? choicesSheet, XlsSheet surveySheet,
        Dictionary<string, XlsChoiceList> lists, List<FormProblem> problems)
    {
        var selects = root.Descendants().OfType<XlsQuestion>().Where(q => q.ListName is not null).ToList();
        if (choicesSheet is null && selects.Count > 0)
        {
            problems.Add(new FormProblem("choices", null, null,
                "The workbook has no 'choices' sheet, but the survey selects from the list(s) " +
                string.Join(", ", selects.Select(s => $"'{s.ListName}' (row {s.Row})")) +
                ". Add a sheet named 'choices' with the columns list_name, name and label."));
            return;
        }
        foreach (var select in selects.Where(s => !lists.ContainsKey(s.ListName!)))
            problems.Add(new FormProblem(surveySheet.Name, select.Row, XlsColumns.Of(surveySheet).First(c => c.Base == "type").Header,
                $"The choice list '{select.ListName}' of the question '{select.Name}' does not exist: no row of the " +
                "'choices' sheet has this list_name. Add its choices there, or check the spelling of the list name." +
                (lists.Count > 0 ? $" Lists found: {string.Join(", ", lists.Keys.Select(k => $"'{k}'"))}." : "")));
    }

    private static string? FormId(XlsSettings settings, XlsSheet? settingsSheet, string? fileName, List<FormProblem> problems)
    {
        var formId = settings.FormId;
        if (formId is null && fileName is not null)
        {
            var stem = Path.GetFileNameWithoutExtension(fileName);
            formId = Regex.Replace(stem, @"[^\p{L}\p{Nd}_.\-]+", "_").Trim('_');
        }
        if (string.IsNullOrEmpty(formId))
        {
            problems.Add(new FormProblem("settings", settingsSheet is null ? null : settings.Row, "form_id",
                "The form has no id. Add a 'settings' sheet with a 'form_id' column and the form's id below it " +
                "(letters, digits, '_', '.', '-'; e.g. perception_survey_2025)."));
            return null;
        }
        if (!FormIdPattern().IsMatch(formId))
        {
            problems.Add(new FormProblem("settings", settings.Row, XlsSettingsSheet.Header(settingsSheet, "form_id") ?? "form_id",
                $"The form_id '{formId}' is invalid: use at most 100 letters, digits, '_', '.' or '-' (no spaces or slashes); " +
                "it names the form in ODK Collect and in Amani's addresses."));
            return null;
        }
        return formId;
    }

    private static void CompileNode(XlsNode node, string sheet, XlsExpressions expressions)
    {
        void Expression(XlsCell? cell, string attribute, bool choiceFilter = false, string? list = null)
        {
            if (cell is not null && expressions.Compile(node, sheet, node.Row, cell, choiceFilter, list) is { } compiled)
                node.Compiled[attribute] = compiled;
        }

        Expression(node.Relevant, "relevant");
        AddTexts(node, "label", node.Labels, sheet, expressions, "label");
        AddTexts(node, "hint", node.Hints, sheet, expressions, "hint");
        if (node.Media.Count > 0 && !node.Parts.ContainsKey("label"))
            node.Parts["label"] = [];
        if (node is XlsContainer container)
        {
            Expression(container.RepeatCount, "jr:count");
            return;
        }
        var question = (XlsQuestion)node;
        if (question.Required is { } required)
        {
            var value = required.Value.ToLowerInvariant();
            if (Truthy.Contains(value))
                node.Compiled["required"] = "true()";
            else if (!Falsy.Contains(value))
                Expression(required, "required");
        }
        Expression(question.Constraint, "constraint");
        Expression(question.Type.Name is "calculate" or "note" or "hidden" ? question.Calculation : null, "calculate");
        if (question.Type.IsSelect)
            Expression(question.ChoiceFilter, "choice_filter", choiceFilter: true, list: question.ListName);
        AddTexts(node, "jr:constraintMsg", question.ConstraintMessages, sheet, expressions, "constraint_message");
        AddTexts(node, "jr:requiredMsg", question.RequiredMessages, sheet, expressions, "required_message");
        if (question.Default is { } fallback)
        {
            if (DynamicDefault().IsMatch(fallback.Value))
                Expression(fallback, "default");
            else
                question.StaticDefault = fallback.Value;
        }
    }

    private static void AddTexts(XlsNode node, string kind, XlsTexts texts, string sheet, XlsExpressions expressions, string column)
    {
        if (texts.IsEmpty)
            return;
        var byLanguage = new Dictionary<string, IReadOnlyList<XFormLabelPart>>(StringComparer.Ordinal);
        foreach (var (language, text) in texts.Values)
        {
            if (expressions.Label(node, sheet, node.Row, texts.Headers.GetValueOrDefault(language, column), text) is { } parts)
                byLanguage[language] = parts;
        }
        node.Parts[kind] = byLanguage;
    }

    /// <summary>
    /// The form's languages (the default one first, then in order of first use), whether itext is needed (a language
    /// other than "default", or media), and every text filled in every language: a text missing in one language takes
    /// the default language's, else the first language's that has it.
    /// </summary>
    private static XlsCompiledForm Assemble(XlsContainer root, IReadOnlyList<XlsChoiceList> lists, string formId, XlsSettings settings)
    {
        var seen = new List<string>();
        void See(string language)
        {
            if (!seen.Contains(language))
                seen.Add(language);
        }
        foreach (var node in root.Descendants())
        {
            foreach (var language in node.Parts.Values.SelectMany(p => p.Keys))
                See(language);
            foreach (var (_, language) in node.Media.Keys)
                See(language);
        }
        foreach (var choice in lists.SelectMany(l => l.Choices))
        {
            foreach (var language in choice.Labels.Values.Keys)
                See(language);
            foreach (var (_, language) in choice.Media.Keys)
                See(language);
        }
        if (seen.Count == 0)
            seen.Add("default");
        var preferred = settings.DefaultLanguage ?? "default";
        var languages = seen.OrderBy(l => l == preferred ? 0 : 1).ToList();
        var useItext = languages.Any(l => l != "default")
                       || root.Descendants().Any(n => n.Media.Count > 0) || lists.Any(l => l.Choices.Any(c => c.Media.Count > 0));
        string? Fallback<T>(IReadOnlyDictionary<string, T> values) =>
            values.ContainsKey(preferred) ? preferred : languages.FirstOrDefault(values.ContainsKey);

        foreach (var node in root.Descendants())
            foreach (var byLanguage in node.Parts.Values)
                if (Fallback(byLanguage) is { } from)
                    foreach (var language in languages)
                        byLanguage.TryAdd(language, byLanguage[from]);
        foreach (var node in root.Descendants().Where(n => !useItext))
            foreach (var message in new[] { "jr:constraintMsg", "jr:requiredMsg" })
                if (node.Parts.TryGetValue(message, out var byLanguage) && byLanguage.TryGetValue("default", out var parts))
                    node.Compiled[message] = XFormLabels.Text(parts);

        Dictionary<string, string> ChoiceLabels(XlsChoice choice)
        {
            var labels = new Dictionary<string, string>(choice.Labels.Values, StringComparer.Ordinal);
            if (Fallback(labels) is { } from)
                foreach (var language in languages)
                    labels.TryAdd(language, labels[from]);
            return labels;
        }
        Dictionary<(string Form, string Language), string> FillMedia(Dictionary<(string Form, string Language), string> media)
        {
            var filled = new Dictionary<(string Form, string Language), string>(media);
            foreach (var form in media.Keys.Select(k => k.Form).Distinct())
            {
                var given = media.Where(m => m.Key.Form == form).ToDictionary(m => m.Key.Language, m => m.Value);
                if (Fallback(given) is { } from)
                    foreach (var language in languages)
                        filled.TryAdd((form, language), given[from]);
            }
            return filled;
        }
        var defaultLanguage = useItext && settings.DefaultLanguage is { } named && languages.Contains(named) ? named : null;
        var title = settings.Title ?? formId;
        return new XlsCompiledForm(root, lists, formId, title, languages, defaultLanguage, useItext, ChoiceLabels, FillMedia);
    }

    /// <summary>A version for a form whose settings give none: the first 12 hex digits of the SHA-256 of its XForm.</summary>
    private static string ContentVersion(string xform) =>
        System.Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xform)))[..12];

    private static FormInfo FormInfoOf(XlsCompiledForm form, string version)
    {
        var fields = form.Root.Descendants().OfType<XlsQuestion>().Select(q =>
        {
            var labels = q.Parts.TryGetValue("label", out var byLanguage)
                ? byLanguage.Where(p => p.Value.Count > 0).ToDictionary(p => p.Key, p => XFormLabels.Text(p.Value), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            var list = q.ListName is null ? null : form.Lists.First(l => l.Name == q.ListName);
            var choices = list?.Choices.Select(c => new FormChoice(c.Name, form.ChoiceLabels(c))).ToList() ?? [];
            return new FormField(q.Path, q.Name, q.Type.Name, q.InRepeat, q.ListName, labels, choices, q.Hxl, q.Personal);
        }).ToList();
        var media = form.Root.Descendants().SelectMany(n => n.Media.Values)
            .Concat(form.Lists.SelectMany(l => l.Choices).SelectMany(c => c.Media.Values))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new FormInfo(form.FormId, version, form.Title, form.DefaultLanguage, form.Languages, fields, media);
    }
}
