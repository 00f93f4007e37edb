using Amani.Governance.Surveys.Analysis;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Analysis;

public sealed class SamplingWeightsTests
{
    [Fact]
    public void Each_respondent_stands_for_the_stratum_population_over_its_respondents()
    {
        var outcome = SamplingWeights.PerStratum(
            [new("CF11", 12_000, ClustersSampled: 4, RespondentsPerCluster: 10), new("CF12", 3_000), new("CF13", 5_000)],
            [.. Enumerable.Repeat("CF11", 38), .. Enumerable.Repeat("CF12", 20)]);

        Assert.True(outcome.Succeeded);
        Assert.Equal(12_000.0 / 38, outcome.Value!.Weights["CF11"], 12);  // 38 of the 40 planned were interviewed
        Assert.Equal(150, outcome.Value.Weights["CF12"], 12);
        Assert.Equal<string>(["CF13"], outcome.Value.UnsampledStrata);
        Assert.Equal(300, new StratumPopulation("CF11", 12_000, 4, 10).PlannedWeight);
    }

    [Fact]
    public void Weighted_stratum_totals_equal_the_populations()
    {
        var respondents = SmallDesign.Respondents();
        var weighted = SamplingWeights.Apply([new("A", 600), new("B", 400)], respondents);

        Assert.True(weighted.Succeeded);
        Assert.Equal(600, weighted.Value!.Where(r => r.Stratum == "A").Sum(r => r.Weight), 9);
        Assert.Equal(400, weighted.Value!.Where(r => r.Stratum == "B").Sum(r => r.Weight), 9);
    }

    [Fact]
    public void Missing_duplicate_or_non_positive_populations_are_refused()
    {
        var outcome = SamplingWeights.PerStratum([new("A", 0), new("C", 10), new("C", 20)], ["A", "B", "C"]);

        Assert.False(outcome.Succeeded);
        Assert.Equal<string>(["populations[0].population", "populations[2].stratum", "populations"], outcome.Problems.Select(p => p.Field));
        Assert.Contains("B", outcome.Problems[2].Message);
    }
}
