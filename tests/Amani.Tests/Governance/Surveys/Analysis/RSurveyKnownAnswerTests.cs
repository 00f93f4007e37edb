using Amani.Governance.Surveys.Analysis;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Analysis;

/// <summary>
/// Known answers from R's survey package (4.5) on its own example data (<see cref="ApiSamples"/>), for the designs
/// without finite population correction — the with-replacement approximation this engine computes:
/// <c>svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat)</c> and
/// <c>svydesign(id=~dnum, weights=~pw, data=apiclus1)</c>; <c>svymean</c>, <c>confint(…, df=degf(d))</c> and
/// <c>svyby(~api00, ~cname, d, svymean)</c>.
/// </summary>
public sealed class RSurveyKnownAnswerTests
{
    private static readonly AnalysisQuestion Api00 = AnalysisQuestion.Number("api00");

    private static SurveyRound Stratified()
    {
        var awards = AnalysisQuestion.SelectOne("awards", "No", "Yes");
        var schools = ApiSamples.Rows(ApiSamples.Stratified).Select((row, i) => new Respondent(
            Stratum: row[0], Cluster: $"school{i}", Weight: ApiSamples.StratifiedWeights[row[0]],
            Domains: new Dictionary<string, string?>(),
            Answers: new Dictionary<string, Answer> { ["api00"] = Answer.Number(double.Parse(row[1])), ["awards"] = Answer.Choice(row[2]) })).ToList();
        return SmallDesign.Build("apistrat", [Api00, awards], [], schools);
    }

    private static SurveyRound Cluster()
    {
        var stype = AnalysisQuestion.SelectOne("stype", "E", "H", "M");
        var schools = ApiSamples.Rows(ApiSamples.Cluster).Select(row => new Respondent(
            Stratum: "California", Cluster: row[0], Weight: ApiSamples.ClusterWeight,
            Domains: new Dictionary<string, string?> { ["cname"] = ApiSamples.County[row[0]] },
            Answers: new Dictionary<string, Answer> { ["api00"] = Answer.Number(double.Parse(row[2])), ["stype"] = Answer.Choice(row[1]) })).ToList();
        return SmallDesign.Build("apiclus1", [Api00, stype], ["cname"], schools);
    }

    private static void Close(double expected, double? actual, double relative = 1e-9) =>
        Assert.True(actual is double a && Math.Abs(a - expected) <= relative * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Stratified_sample_mean_standard_error_and_t_interval_match_R()
    {
        var round = Stratified();
        var mean = SmallDesign.Analyse(round, new AnalysisRequest([[]], [], MinimumN: 1)).Find("api00", null)!;

        Assert.Equal(197, round.Design.DegreesOfFreedom);               // degf(dstrat): 200 PSUs − 3 strata
        Close(662.287363159321, mean.Value);
        Close(9.53613229692516, mean.StandardError);
        Close(643.481356593217, mean.Lower);
        Close(681.093369725425, mean.Upper);
        Assert.Equal(200, mean.UnweightedN);
    }

    [Fact]
    public void Stratified_sample_proportions_match_R()
    {
        var analysis = SmallDesign.Analyse(Stratified(), new AnalysisRequest([[]], [], MinimumN: 1));

        Close(0.361063935949422, analysis.Find("awards", "No")!.Value);
        Close(0.0348975177769063, analysis.Find("awards", "No")!.StandardError);
        Close(0.638936064050579, analysis.Find("awards", "Yes")!.Value);
        Close(0.0348975177769063, analysis.Find("awards", "Yes")!.StandardError);
    }

    [Fact]
    public void Cluster_sample_mean_proportions_and_interval_match_R()
    {
        var round = Cluster();
        var analysis = SmallDesign.Analyse(round, new AnalysisRequest([[]], [], MinimumN: 1));

        Assert.Equal(14, round.Design.DegreesOfFreedom);                // 15 districts, one stratum
        var mean = analysis.Find("api00", null)!;
        Close(644.169398907104, mean.Value);
        Close(23.7790107208869, mean.StandardError);
        Close(593.168493261091, mean.Lower);
        Close(695.170304553117, mean.Upper);
        Close(0.78688524590164, analysis.Find("stype", "E")!.Value);
        Close(0.0468025716133837, analysis.Find("stype", "E")!.StandardError);
        Close(0.0765027322404372, analysis.Find("stype", "H")!.Value);
        Close(0.0270798559291773, analysis.Find("stype", "H")!.StandardError);
        Close(0.136612021857924, analysis.Find("stype", "M")!.Value);
        Close(0.0299472342965665, analysis.Find("stype", "M")!.StandardError);
    }

    [Fact]
    public void Cluster_sample_domain_means_match_Rs_svyby()
    {
        var analysis = SmallDesign.Analyse(Cluster(), new AnalysisRequest([["cname"]], [], MinimumN: 1, Questions: ["api00"]));
        Estimate County(string name) => analysis.Find("api00", null, $"cname={name}")!;

        Close(647.266666666667, County("Los Angeles").Value);
        Close(17.4230693023744, County("Los Angeles").StandardError);
        Close(659.436363636363, County("San Diego").Value);
        Close(2.31989997506545, County("San Diego").StandardError);
        Close(732.076923076923, County("Santa Clara").Value);
        Close(15.9315559043315, County("Santa Clara").StandardError);
        Close(472, County("Fresno").Value);                              // one district: R gives SE 0
        Assert.Equal(0, County("Fresno").StandardError!.Value, 9);
        Assert.Equal(11, analysis.Estimates.Count);                       // 11 counties
    }
}
