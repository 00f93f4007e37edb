using System.Text.RegularExpressions;

namespace Amani.Governance.Surveys.Forms;

/// <summary>
/// Reads the survey sheet into the tree of groups, repeats and questions, collecting every problem (unknown types,
/// missing names or labels, duplicate names, groups and repeats not closed or closed without a begin).
/// </summary>
internal static partial class XlsSurveySheet
{
    public const string RootName = "data";

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{Nd}\p{Mn}\p{Mc}_.\-]*$")]
    public static partial Regex XmlName();

    [GeneratedRegex(@"^(select_one|select_multiple|select one|select multiple|select all that apply)\s+(\S+)(\s+or_other)?$")]
    private static partial Regex SelectType();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^#[a-z][a-z0-9_]*(\s*\+[a-z][a-z0-9_]*)*$", RegexOptions.IgnoreCase)]
    private static partial Regex HxlTag();

    private static bool? YesNo(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "yes" or "true" or "true()" or "1" => true,
        "no" or "false" or "false()" or "0" => false,
        _ => null,
    };

    public static XlsContainer Parse(XlsSheet sheet, string unnamedLanguage, List<FormProblem> problems)
    {
        var root = new XlsContainer { Name = RootName, Row = sheet.HeaderRow };
        var columns = XlsColumns.Of(sheet);
        foreach (var required in new[] { "type", "name" }.Where(r => columns.All(c => c.Base != r)))
            problems.Add(new FormProblem(sheet.Name, sheet.HeaderRow == 0 ? null : sheet.HeaderRow, null,
                $"The '{sheet.Name}' sheet has no '{required}' column. Its first row must name the columns: at least " +
                "'type', 'name' and 'label' (see https://xlsform.org/en/#setting-up-your-worksheets)."));
        if (problems.Count > 0)
            return root;

        string? HeaderOf(string name) => columns.FirstOrDefault(c => c.Base == name && c.Language is null)?.Header;
        XlsCell? CellOf(XlsRow row, string name) =>
            HeaderOf(name) is { } h && row.Get(h) is { Length: > 0 } v ? new XlsCell(h, v) : null;

        var stack = new Stack<XlsContainer>();
        stack.Push(root);
        foreach (var row in sheet.Rows)
        {
            if (CellOf(row, "disabled")?.Value.ToLowerInvariant() is "yes" or "true" or "true()")
                continue;
            var typeText = Spaces().Replace(CellOf(row, "type")?.Value ?? "", " ").Trim();
            var name = CellOf(row, "name")?.Value ?? "";
            var typeHeader = HeaderOf("type")!;
            if (typeText.Length == 0)
            {
                problems.Add(new FormProblem(sheet.Name, row.Number, typeHeader,
                    "This row has no 'type'. Give the question a type (text, integer, select_one <list>, begin group, …) " +
                    "or delete the row."));
                continue;
            }
            var type = typeText.ToLowerInvariant();
            type = Regex.Replace(type, "^(begin|end)_(group|repeat)$", "$1 $2");
            if (type is "end group" or "end repeat")
            {
                var kind = type[4..];
                var top = stack.Peek();
                if (!top.IsRoot && top.IsRepeat == (kind == "repeat"))
                    stack.Pop();
                else
                    problems.Add(new FormProblem(sheet.Name, row.Number, typeHeader,
                        $"Unmatched 'end_{kind}': no open 'begin_{kind}' to close here" +
                        (top.IsRoot ? "." : $" (the open {(top.IsRepeat ? "repeat" : "group")} is '{top.Name}', begun on row {top.Row}).") +
                        $" Remove this row or add the 'begin_{kind}' it closes."));
                continue;
            }

            var parent = stack.Peek();
            if (!CheckName(sheet.Name, row, HeaderOf("name")!, name, parent, problems))
                name = "";
            var labels = XlsTexts.Read(row, columns, "label", unnamedLanguage);
            var hints = XlsTexts.Read(row, columns, "hint", unnamedLanguage);
            var media = XlsTexts.Media(row, columns, unnamedLanguage);

            if (type is "begin group" or "begin repeat")
            {
                var required = CellOf(row, "required");
                if (required is not null && required.Value.ToLowerInvariant() is not ("no" or "false" or "false()"))
                    problems.Add(new FormProblem(sheet.Name, row.Number, required.Header,
                        "Groups and repeats cannot be required. Remove the 'required' value in this row, or move it to a question inside."));
                var container = new XlsContainer
                {
                    Name = name, Row = row.Number, Parent = parent, IsRepeat = type == "begin repeat",
                    Labels = labels, Hints = hints, Media = media,
                    Relevant = CellOf(row, "relevant"), Appearance = CellOf(row, "appearance")?.Value,
                    RepeatCount = type == "begin repeat" ? CellOf(row, "repeat_count") : null,
                };
                parent.Children.Add(container);
                stack.Push(container);
                continue;
            }

            string? listName = null;
            var select = SelectType().Match(type);
            if (select.Success)
            {
                if (select.Groups[3].Success)
                {
                    problems.Add(new FormProblem(sheet.Name, row.Number, typeHeader,
                        "'or_other' is not supported: add an 'other' choice to the list and a text question shown when it is chosen."));
                    continue;
                }
                type = select.Groups[1].Value.StartsWith("select_one", StringComparison.Ordinal) || select.Groups[1].Value == "select one"
                    ? "select_one" : "select_multiple";
                listName = Spaces().Split(typeText)[^1];
            }
            var firstWord = type.Split(' ')[0];
            var questionType = XlsQuestionTypes.Find(type);
            if (questionType is null || (questionType.IsSelect && listName is null))
            {
                problems.Add(new FormProblem(sheet.Name, row.Number, typeHeader, UnknownType(typeText, firstWord)));
                continue;
            }
            if (name.Length == 0)
                continue;

            var question = new XlsQuestion
            {
                Name = name, Row = row.Number, Parent = parent, Type = questionType, ListName = listName,
                Labels = labels, Hints = hints, Media = media,
                Relevant = CellOf(row, "relevant"), Appearance = CellOf(row, "appearance")?.Value,
                Required = CellOf(row, "required"), Constraint = CellOf(row, "constraint"),
                RequiredMessages = XlsTexts.Read(row, columns, "required_message", unnamedLanguage),
                ConstraintMessages = XlsTexts.Read(row, columns, "constraint_message", unnamedLanguage),
                Calculation = CellOf(row, "calculation"), Default = CellOf(row, "default"),
                ChoiceFilter = CellOf(row, "choice_filter"),
                Hxl = CellOf(row, "hxl")?.Value, Personal = YesNo(CellOf(row, "personal")?.Value),
            };
            if (question.Hxl is { } hxl && !HxlTag().IsMatch(hxl))
                problems.Add(new FormProblem(sheet.Name, row.Number, HeaderOf("hxl") ?? "hxl",
                    $"'{hxl}' is not an HXL hashtag. Write a hashtag and its attributes, e.g. #respondent+name or #contact+phone."));
            if (CellOf(row, "personal")?.Value is { Length: > 0 } personal && question.Personal is null)
                problems.Add(new FormProblem(sheet.Name, row.Number, HeaderOf("personal") ?? "personal",
                    $"'{personal}' is not yes or no. Write yes when the answer names or reaches a person (a name, a phone number), else no."));
            if (questionType.NeedsLabel && labels.IsEmpty && hints.IsEmpty && !media.Keys.Any(k => k.Form != "audio"))
                problems.Add(new FormProblem(sheet.Name, row.Number, HeaderOf("label") ?? "label",
                    $"The {questionType.Name} question '{name}' has no label. Write the question as the respondent should " +
                    "hear it in the 'label' column (or a hint), in every language of the form."));
            if (questionType.Name == "calculate" && question.Calculation is null)
                problems.Add(new FormProblem(sheet.Name, row.Number, HeaderOf("calculation") ?? "calculation",
                    $"The calculate question '{name}' has no 'calculation'. Write the expression it computes, e.g. ${{age}} * 12."));
            parent.Children.Add(question);
        }
        while (stack.Count > 1)
        {
            var open = stack.Pop();
            var kind = open.IsRepeat ? "repeat" : "group";
            problems.Add(new FormProblem(sheet.Name, open.Row, HeaderOf("type"),
                $"Unmatched 'begin_{kind}': no matching 'end_{kind}' was found for the name '{open.Name}'. " +
                $"Add an 'end_{kind}' row after its last question."));
        }
        if (!root.Descendants().OfType<XlsQuestion>().Any() && problems.Count == 0)
            problems.Add(new FormProblem(sheet.Name, null, null,
                "The form is empty: the 'survey' sheet has no question. Add at least one question row (type, name, label)."));
        return root;
    }

    private static bool CheckName(string sheet, XlsRow row, string column, string name, XlsContainer parent, List<FormProblem> problems)
    {
        if (name.Length == 0)
        {
            problems.Add(new FormProblem(sheet, row.Number, column,
                "This row has no 'name'. Every question, group and repeat needs a name: letters, digits and underscores, " +
                "starting with a letter (it names the column of the answers)."));
            return false;
        }
        if (!XmlName().IsMatch(name))
        {
            problems.Add(new FormProblem(sheet, row.Number, column,
                $"The name '{name}' is invalid. Names must begin with a letter or underscore; after the first character they " +
                "may contain letters, digits, underscores, hyphens or periods (no spaces)."));
            return false;
        }
        if (parent.IsRoot && name == "meta")
        {
            problems.Add(new FormProblem(sheet, row.Number, column,
                "The name 'meta' is reserved for the form's metadata (instanceID). Choose another name."));
            return false;
        }
        if (parent.Children.FirstOrDefault(c => c.Name == name) is { } twin)
        {
            problems.Add(new FormProblem(sheet, row.Number, column,
                $"The name '{name}' is already used on row {twin.Row} in the same {(parent.IsRoot ? "survey" : parent.IsRepeat ? "repeat" : "group")}. " +
                "Questions, groups and repeats must have unique names within their group or repeat: rename one of them."));
            return false;
        }
        return true;
    }

    private static string UnknownType(string typeText, string firstWord)
    {
        if (XlsQuestionTypes.NotConverted.TryGetValue(firstWord, out var advice) || XlsQuestionTypes.NotConverted.TryGetValue(typeText.ToLowerInvariant(), out advice))
            return $"The type '{typeText}' is not supported. {advice}";
        if (firstWord is "select_one" or "select_multiple")
            return $"The type '{typeText}' names no choice list. Write the list's name after the type, e.g. '{firstWord} yes_no', " +
                   "and list its choices on the 'choices' sheet.";
        var nearest = XlsQuestionTypes.Nearest(typeText.ToLowerInvariant());
        return $"Unknown question type '{typeText}'." + (nearest is null ? "" : $" Did you mean '{nearest}'?") +
               " The types Amani converts: " + string.Join(", ", XlsQuestionTypes.All.Select(t => t.Name)) +
               ", begin/end group, begin/end repeat.";
    }
}
