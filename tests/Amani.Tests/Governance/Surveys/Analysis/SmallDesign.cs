using Amani.Governance.Surveys.Analysis;

namespace Amani.Tests.Governance.Surveys.Analysis;

/// <summary>
/// A design small enough to compute by hand: stratum A with clusters a1, a2, a3 and stratum B with b1, b2, two
/// respondents per cluster, unequal weights. "safe" is a select_one (r4 did not answer it), "trust" a number (r6 did
/// not answer it), sex and age group are domain variables.
/// </summary>
internal static class SmallDesign
{
    public static readonly AnalysisQuestion Safe = AnalysisQuestion.SelectOne("safe", "very", "fairly", "not");
    public static readonly AnalysisQuestion Trust = AnalysisQuestion.Number("trust");

    //                    id     stratum cluster weight safe      trust  sex  age
    private static readonly (string Id, string Stratum, string Cluster, double Weight, string? Safe, double? Trust, string Sex, string Age)[] Rows =
    [
        ("r1", "A", "a1", 2, "very", 4, "f", "18-34"),
        ("r2", "A", "a1", 2, "not", 2, "m", "35+"),
        ("r3", "A", "a2", 3, "fairly", 5, "f", "35+"),
        ("r4", "A", "a2", 3, null, 3, "m", "18-34"),
        ("r5", "A", "a3", 1, "very", 1, "m", "18-34"),
        ("r6", "A", "a3", 4, "not", null, "f", "18-34"),
        ("r7", "B", "b1", 5, "fairly", 3, "f", "35+"),
        ("r8", "B", "b1", 5, "very", 4, "m", "35+"),
        ("r9", "B", "b2", 6, "not", 2, "f", "35+"),
        ("r10", "B", "b2", 2, "fairly", 5, "m", "18-34"),
    ];

    public static IReadOnlyList<Respondent> Respondents() =>
        Rows.Select(r => Respondent(r.Stratum, r.Cluster, r.Weight,
            new() { ["sex"] = r.Sex, ["age"] = r.Age },
            new()
            {
                ["safe"] = r.Safe is null ? Answer.Missing : Answer.Choice(r.Safe),
                ["trust"] = r.Trust is null ? Answer.Missing : Answer.Number(r.Trust.Value),
            })).ToList();

    public static SurveyRound Round(string name = "R1") => Build(name, [Safe, Trust], ["sex", "age"], Respondents());

    public static Respondent Respondent(string stratum, string cluster, double weight, Dictionary<string, string?> domains, Dictionary<string, Answer> answers) =>
        new(stratum, cluster, weight, domains, answers);

    public static SurveyRound Build(string name, IReadOnlyList<AnalysisQuestion> questions, IReadOnlyList<string> domains,
        IReadOnlyList<Respondent> respondents, LonelyPsu lonelyPsu = LonelyPsu.Adjust)
    {
        var outcome = SurveyRound.Create(name, questions, domains, respondents, lonelyPsu);
        Xunit.Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => $"{p.Field}: {p.Message}")));
        return outcome.Value!;
    }

    public static RoundAnalysis Analyse(SurveyRound round, AnalysisRequest request)
    {
        var outcome = SurveyEstimator.Analyse(round, request);
        Xunit.Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => $"{p.Field}: {p.Message}")));
        return outcome.Value!;
    }

    /// <summary>Σ (z − z̄)² of a stratum's PSU totals (z̄ over all the stratum's PSUs).</summary>
    public static double SquaresAboutMean(params double[] z)
    {
        var mean = z.Average();
        return z.Sum(v => (v - mean) * (v - mean));
    }
}
