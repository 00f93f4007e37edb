using Amani.Governance.Surveys.Analysis;
using Xunit;
using static Amani.Tests.Governance.Surveys.Analysis.SmallDesign;

namespace Amani.Tests.Governance.Surveys.Analysis;

/// <summary>Suppression, lonely PSUs, select_multiple questions and the input the engine refuses.</summary>
public sealed class SurveyEstimatorRulesTests
{
    [Fact]
    public void A_cell_under_the_minimum_is_suppressed_with_nothing_but_its_size()
    {
        var analysis = Analyse(Round(), new AnalysisRequest([[], ["sex", "age"]], [], MinimumN: 3));

        var small = analysis.Find("safe", "very", "sex=f;age=18-34")!;      // r1, r6: n = 2
        Assert.True(small.Suppressed);
        Assert.Equal(2, small.UnweightedN);
        Assert.All(new[] { small.Value, small.StandardError, small.Lower, small.Upper, small.DesignEffect, small.WeightedN }, Assert.Null);
        var big = analysis.Find("safe", "very", "sex=f;age=35+")!;          // r3, r7, r9: n = 3
        Assert.False(big.Suppressed);
        Assert.NotNull(big.Value);
        Assert.False(analysis.Find("safe", "very")!.Suppressed);
    }

    [Fact]
    public void A_lonely_psu_adds_the_square_of_its_linearised_total()
    {
        // Stratum A: a1 (Y=1 of X=2), a2 (Y=0 of X=2); stratum C: one cluster c1 (Y=3 of X=4). Weights 1, yes/no.
        var yesNo = AnalysisQuestion.SelectOne("q", "yes", "no");
        Respondent One(string stratum, string cluster, string answer) =>
            Respondent(stratum, cluster, 1, new(), new() { ["q"] = Answer.Choice(answer) });
        List<Respondent> respondents =
        [
            One("A", "a1", "yes"), One("A", "a1", "no"), One("A", "a2", "no"), One("A", "a2", "no"),
            One("C", "c1", "yes"), One("C", "c1", "yes"), One("C", "c1", "yes"), One("C", "c1", "no"),
        ];
        var round = Build("R", [yesNo], [], respondents);
        var yes = Analyse(round, new AnalysisRequest([[]], [], 1)).Find("q", "yes")!;

        const double X = 8, R = 4 / X;
        double[] zA = [(1 - R * 2) / X, (0 - R * 2) / X];
        var zC = (3 - R * 4) / X;
        // R survey, lonely.psu = "adjust": the single PSU centred at the grand mean of the PSU totals (0 here), scale 1.
        var variance = 2.0 / 1 * SquaresAboutMean(zA) + zC * zC;

        Assert.Equal<string>(["C"], round.Design.SinglePsuStrata);
        Assert.Equal(1, round.Design.DegreesOfFreedom);                  // 3 PSUs − 2 strata
        Assert.Equal(R, yes.Value!.Value, 12);
        Assert.Equal(Math.Sqrt(variance), yes.StandardError!.Value, 12);
        Assert.True(zC * zC > 0);                                         // the lonely stratum does count
    }

    [Fact]
    public void Lonely_psus_are_refused_when_asked_naming_the_stratum()
    {
        var respondents = Respondents().Where(r => r.Cluster != "b2").ToList();

        var outcome = SurveyRound.Create("R1", [Safe, Trust], ["sex", "age"], respondents, LonelyPsu.Refuse);

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Problems, p => p.Message.Contains("Stratum B has a single cluster"));
    }

    [Fact]
    public void Every_stratum_lonely_gives_finite_errors_and_no_interval()
    {
        var respondents = Respondents().Where(r => r.Cluster is "a1" or "b1").ToList();
        var round = Build("R1", [Safe, Trust], ["sex", "age"], respondents);

        var analysis = Analyse(round, new AnalysisRequest([[], ["sex"]], [], 1));

        Assert.Equal(0, round.Design.DegreesOfFreedom);
        Assert.All(analysis.Estimates, e =>
        {
            Assert.True(double.IsFinite(e.StandardError!.Value));
            Assert.Null(e.Lower);
            Assert.Null(e.Upper);
        });
    }

    [Fact]
    public void Select_multiple_shares_by_hand_with_missing_and_empty_answers()
    {
        // Stratum S, clusters k1, k2, k3; "sources" of information, several allowed.
        var sources = AnalysisQuestion.SelectMultiple("sources", "radio", "phone", "neighbours");
        Respondent One(string cluster, double weight, Answer answer) => Respondent("S", cluster, weight, new(), new() { ["sources"] = answer });
        List<Respondent> respondents =
        [
            One("k1", 1, Answer.Choices("radio", "phone")),
            One("k1", 2, Answer.Choices("radio")),
            One("k2", 3, Answer.Choices()),                                // answered, chose nothing: in the denominator
            One("k2", 1, Answer.Missing),                                  // did not answer: left out
            One("k3", 2, Answer.Choices("neighbours", "phone")),
        ];
        var round = Build("R", [sources], [], respondents);
        var analysis = Analyse(round, new AnalysisRequest([[]], [new CategorySet("media", "sources", ["radio", "phone"])], 1));

        const double X = 1 + 2 + 3 + 2;                                   // 8
        const double RadioY = 1 + 2, PhoneY = 1 + 2, MediaY = 1 + 2 + 2;
        double Se(double r, double y1, double y2, double y3)
        {
            double[] z = [(y1 - r * 3) / X, (y2 - r * 3) / X, (y3 - r * 2) / X]; // PSU X: k1 3, k2 3, k3 2
            return Math.Sqrt(3.0 / 2 * SquaresAboutMean(z));
        }

        var radio = analysis.Find("sources", "radio")!;
        Assert.Equal(4, radio.UnweightedN);
        Assert.Equal(RadioY / X, radio.Value!.Value, 12);
        Assert.Equal(Se(RadioY / X, 3, 0, 0), radio.StandardError!.Value, 12);
        Assert.Equal(PhoneY / X, analysis.Find("sources", "phone")!.Value!.Value, 12);
        Assert.Equal(Se(PhoneY / X, 1, 0, 2), analysis.Find("sources", "phone")!.StandardError!.Value, 12);
        Assert.Equal(2 / X, analysis.Find("sources", "neighbours")!.Value!.Value, 12);
        var media = analysis.Find("sources", "media")!;
        Assert.Equal(EstimateKind.SetProportion, media.Kind);
        Assert.Equal(MediaY / X, media.Value!.Value, 12);
        Assert.Equal(Se(MediaY / X, 3, 0, 2), media.StandardError!.Value, 12);
    }

    [Fact]
    public void Bad_respondents_are_refused_with_each_problem_located()
    {
        List<Respondent> respondents =
        [
            Respondent("A", "a1", 0, new(), new() { ["safe"] = Answer.Choice("very") }),
            Respondent("A", "", 1, new(), new() { ["safe"] = Answer.Choice("perhaps") }),
            Respondent("A", "a2", double.NaN, new() { ["district"] = "X" }, new() { ["trust"] = Answer.Choice("high"), ["mood"] = Answer.Number(1) }),
        ];

        var outcome = SurveyRound.Create("R1", [Safe, Trust], ["sex"], respondents);

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Value);
        Assert.Equal<string>(
            ["respondents[0].weight", "respondents[1].cluster", "respondents[1].answers.safe", "respondents[2].weight",
             "respondents[2].domains.district", "respondents[2].answers.trust", "respondents[2].answers.mood"],
            outcome.Problems.Select(p => p.Field));
        Assert.Contains("\"perhaps\" is not a choice of safe", outcome.Problems[2].Message);
    }

    [Fact]
    public void A_bad_request_is_refused_naming_each_field()
    {
        var request = new AnalysisRequest([["district"], ["sex", "sex"]],
            [new CategorySet("feels safe", "safe", ["very", "quite"]), new CategorySet("high", "trust", ["5"])], MinimumN: 0);

        var outcome = SurveyEstimator.Analyse(Round(), request);

        Assert.False(outcome.Succeeded);
        Assert.Equal<string>(["breakdowns[0][0]", "breakdowns[1][1]", "sets[0].choices", "sets[1].question", "minimumN"],
            outcome.Problems.Select(p => p.Field));
    }

    [Fact]
    public void A_respondent_without_a_domain_value_stays_in_the_design_but_out_of_that_variables_cells()
    {
        var respondents = Respondents().Select(r => r.Cluster == "b1"
            ? r with { Domains = new Dictionary<string, string?> { ["sex"] = null, ["age"] = r.Domains["age"] } }
            : r).ToList();
        var analysis = Analyse(Build("R1", [Safe, Trust], ["sex", "age"], respondents), new AnalysisRequest([[], ["sex"]], [], 1));

        Assert.Equal(9, analysis.Find("safe", "very")!.UnweightedN);      // r7, r8 still count overall
        Assert.Equal(4, analysis.Find("safe", "very", "sex=f")!.UnweightedN); // r1, r3, r6, r9: r7's sex is unknown
    }
}
