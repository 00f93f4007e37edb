namespace Amani.Governance.Surveys.Forms;

/// <summary>Reads the choices sheet: lists in sheet order, each choice with its labels, media and other columns.</summary>
internal static class XlsChoicesSheet
{
    private static readonly HashSet<string> Own = ["list_name", "name", "label", "media"];

    public static Dictionary<string, XlsChoiceList> Parse(XlsSheet sheet, string unnamedLanguage, List<FormProblem> problems)
    {
        var lists = new Dictionary<string, XlsChoiceList>(StringComparer.Ordinal);
        var columns = XlsColumns.Of(sheet);
        var listColumn = columns.FirstOrDefault(c => c.Base == "list_name");
        var nameColumn = columns.FirstOrDefault(c => c.Base == "name");
        if (listColumn is null || nameColumn is null)
        {
            if (sheet.Rows.Count > 0 || sheet.Headers.Count > 0)
                problems.Add(new FormProblem(sheet.Name, sheet.HeaderRow == 0 ? null : sheet.HeaderRow, null,
                    $"The '{sheet.Name}' sheet needs the columns 'list_name', 'name' and 'label' in its first row."));
            return lists;
        }
        var extra = columns.Where(c => !Own.Contains(c.Base) && c.Language is null && c.Media is null
                                       && XlsSurveySheet.XmlName().IsMatch(c.Header)).ToList();
        foreach (var row in sheet.Rows)
        {
            var listName = row.Get(listColumn.Header);
            var name = row.Get(nameColumn.Header);
            if (listName.Length == 0)
            {
                if (name.Length > 0)
                    problems.Add(new FormProblem(sheet.Name, row.Number, listColumn.Header,
                        $"The choice '{name}' has no 'list_name'. Write the name of the list it belongs to."));
                continue;
            }
            if (!lists.TryGetValue(listName, out var list))
            {
                if (!XlsSurveySheet.XmlName().IsMatch(listName))
                    problems.Add(new FormProblem(sheet.Name, row.Number, listColumn.Header,
                        $"The list name '{listName}' is invalid. List names must begin with a letter or underscore and " +
                        "contain only letters, digits, underscores, hyphens or periods (no spaces)."));
                lists[listName] = list = new XlsChoiceList(listName, row.Number);
            }
            if (name.Length == 0)
            {
                problems.Add(new FormProblem(sheet.Name, row.Number, nameColumn.Header,
                    $"A choice of the list '{listName}' has no 'name'. Choices must have a name: the value stored in the answers."));
                continue;
            }
            if (list.Choices.FirstOrDefault(c => c.Name == name) is { } twin)
            {
                problems.Add(new FormProblem(sheet.Name, row.Number, nameColumn.Header,
                    $"The choice name '{name}' is already used in the list '{listName}' (row {twin.Row}). " +
                    "Choice names must be unique within a list: answers would not say which was chosen."));
                continue;
            }
            var labels = XlsTexts.Read(row, columns, "label", unnamedLanguage);
            var media = XlsTexts.Media(row, columns, unnamedLanguage);
            if (labels.IsEmpty && media.Count == 0)
                problems.Add(new FormProblem(sheet.Name, row.Number, columns.FirstOrDefault(c => c.Base == "label")?.Header ?? "label",
                    $"The choice '{name}' of the list '{listName}' has no label. Choices should have a label, in every language of the form."));
            var others = extra.Select(c => (c.Header, row.Get(c.Header))).ToList();
            list.Choices.Add(new XlsChoice(row.Number, name, labels, media, others));
        }
        return lists;
    }
}

/// <summary>Reads the settings sheet: form_title, form_id (or id_string), version, default_language, consent.</summary>
internal static class XlsSettingsSheet
{
    public static XlsSettings Parse(XlsSheet? sheet)
    {
        if (sheet is null || sheet.Rows.Count == 0)
            return new XlsSettings(null, null, null, null, 2);
        var row = sheet.Rows[0];
        string? Value(string name) =>
            XlsColumns.Of(sheet).FirstOrDefault(c => c.Base == name) is { } c && row.Get(c.Header) is { Length: > 0 } v ? v : null;
        return new XlsSettings(Value("form_id"), Value("form_title"), Value("version"), Value("default_language"), row.Number, Value("consent"));
    }

    public static string? Header(XlsSheet? sheet, string name) =>
        sheet is null ? null : XlsColumns.Of(sheet).FirstOrDefault(c => c.Base == name)?.Header;
}
