namespace Amani.Governance.Surveys.Forms;

/// <summary>
/// The consent question that gates a form (the settings column <c>consent</c> naming a <c>select_one</c> whose choices
/// include <c>yes</c>, outside any repeat): every question and group after it in the form is relevant only when it is
/// <c>yes</c>, AND-ed with its own relevant — so nothing else is asked of a respondent who did not consent. Metadata
/// (start, end, today, deviceid …) stays ungated. A consent column naming a missing question, or one that is not such a
/// select_one, is refused at the settings sheet's row and column.
/// </summary>
internal static class XlsConsent
{
    public static XlsQuestion? Find(XlsContainer root, Dictionary<string, XlsChoiceList> lists, XlsSettings settings, XlsSheet? settingsSheet,
        List<FormProblem> problems)
    {
        if (settings.Consent is not { } name)
            return null;
        var column = XlsSettingsSheet.Header(settingsSheet, "consent") ?? "consent";
        var question = root.Descendants().OfType<XlsQuestion>().FirstOrDefault(q => q.Name == name);
        string? refusal = question switch
        {
            null => $"The consent question '{name}' does not exist: no row of the survey sheet has this name. Name the select_one " +
                    "question that asks for consent (its choices must include 'yes').",
            { Type.Name: not "select_one" } => $"The consent question '{name}' (row {question.Row}) is a {question.Type.Name}: it must be a " +
                                                "select_one whose choices include 'yes'.",
            _ when question.InRepeat => $"The consent question '{name}' (row {question.Row}) is inside a repeat: it must be asked once, outside any repeat.",
            _ when !lists.TryGetValue(question.ListName!, out var list) || list.Choices.All(c => c.Name != "yes") =>
                $"The consent question '{name}' (row {question.Row}) offers no choice 'yes' (list '{question.ListName}'): add a choice named yes.",
            _ => null,
        };
        if (refusal is null)
            return question;
        problems.Add(new FormProblem("settings", settings.Row, column, refusal));
        return null;
    }

    public static void Gate(XlsContainer root, XlsQuestion consent)
    {
        var gate = $"{consent.Path} = 'yes'";
        var after = false;
        foreach (var node in root.Descendants())
        {
            if (node == consent)
            {
                after = true;
                continue;
            }
            if (!after || node is XlsQuestion { Type.Preload: not null })
                continue;
            node.Compiled["relevant"] = node.Compiled.TryGetValue("relevant", out var own) ? $"({own}) and {gate}" : gate;
        }
    }
}
