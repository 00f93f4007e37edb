namespace Amani.Governance.Surveys.Analysis;

/// <summary>One thing wrong with the input: where (<c>respondents[12].weight</c>, <c>breakdowns[0]</c>…) and what to do.</summary>
public sealed record AnalysisProblem(string Field, string Message);

/// <summary>The outcome of a step that refuses bad input as a value: the result, or every problem found (at most 100).</summary>
public sealed record AnalysisOutcome<T>(T? Value, IReadOnlyList<AnalysisProblem> Problems) where T : class
{
    public const int MaxProblems = 100;

    public bool Succeeded => Problems.Count == 0 && Value is not null;

    public static AnalysisOutcome<T> Ok(T value) => new(value, []);

    public static AnalysisOutcome<T> Refused(IReadOnlyList<AnalysisProblem> problems) => new(null, problems);
}
