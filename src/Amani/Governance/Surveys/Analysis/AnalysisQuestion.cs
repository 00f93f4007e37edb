namespace Amani.Governance.Surveys.Analysis;

/// <summary>How a question's answers are analysed.</summary>
public enum QuestionKind
{
    /// <summary>One category per respondent (XLSForm <c>select_one</c>): the weighted share of each category.</summary>
    SelectOne,

    /// <summary>A set of categories per respondent (<c>select_multiple</c>, at most 64 choices): the weighted share choosing each.</summary>
    SelectMultiple,

    /// <summary>A number (<c>integer</c>, <c>decimal</c>): the weighted mean.</summary>
    Number,
}

/// <summary>A question as the analysis sees it: its name, kind and — for a select — its choices in the form's order.</summary>
public sealed record AnalysisQuestion(string Name, QuestionKind Kind, IReadOnlyList<string> Choices)
{
    public static AnalysisQuestion SelectOne(string name, params string[] choices) => new(name, QuestionKind.SelectOne, choices);

    public static AnalysisQuestion SelectMultiple(string name, params string[] choices) => new(name, QuestionKind.SelectMultiple, choices);

    public static AnalysisQuestion Number(string name) => new(name, QuestionKind.Number, []);
}
