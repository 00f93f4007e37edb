namespace Amani.Governance.Surveys.Analysis;

/// <summary>
/// Categories of one question counted together, reported under <see cref="Name"/>: "feels safe" = {very safe, fairly
/// safe}. For a select_multiple question, a respondent counts when they chose at least one of them.
/// </summary>
public sealed record CategorySet(string Name, string Question, IReadOnlyList<string> Choices);

/// <summary>
/// What to estimate in a round: every question (or those named), overall and by each breakdown — a list of domain
/// variables whose combinations are the cells (<c>[]</c> is the whole round, <c>["admin2"]</c> by area,
/// <c>["admin1", "sex"]</c> by region and sex); the category sets; and the minimum unweighted sample size under which a
/// cell is suppressed.
/// </summary>
public sealed record AnalysisRequest(
    IReadOnlyList<IReadOnlyList<string>> Breakdowns,
    IReadOnlyList<CategorySet> Sets,
    int MinimumN = AnalysisRequest.DefaultMinimumN,
    IReadOnlyList<string>? Questions = null)
{
    /// <summary>DHS practice: an estimate from fewer than 25 unweighted cases is not shown.</summary>
    public const int DefaultMinimumN = 25;
}
