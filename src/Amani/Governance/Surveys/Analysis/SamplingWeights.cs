namespace Amani.Governance.Surveys.Analysis;

/// <summary>
/// A stratum's population (typed or imported: e.g. adults in the admin area) and, optionally, the plan: how many
/// clusters were drawn and how many respondents each was to give.
/// </summary>
public sealed record StratumPopulation(string Stratum, double Population, int? ClustersSampled = null, int? RespondentsPerCluster = null)
{
    /// <summary>Clusters × respondents per cluster, when both are given.</summary>
    public int? PlannedRespondents => ClustersSampled * RespondentsPerCluster;

    /// <summary>The weight the plan foresaw: population ÷ planned respondents.</summary>
    public double? PlannedWeight => PlannedRespondents is > 0 and var n ? Population / n : null;
}

/// <summary>The weight of each sampled stratum, and the strata of the population list where nobody was interviewed.</summary>
public sealed record StratumWeights(
    IReadOnlyDictionary<string, double> Weights,
    IReadOnlyDictionary<string, int> Respondents,
    IReadOnlyList<string> UnsampledStrata);

/// <summary>
/// Weights for a stratified (cluster) design that is self-weighting within each stratum — clusters drawn with
/// probability proportional to size and a fixed number of respondents per cluster, or clusters and respondents drawn
/// with equal probability: every respondent of stratum h stands for N_h ÷ n_h people, where N_h is the stratum's
/// population and n_h the respondents actually interviewed there (so the weights also correct for non-response
/// within the stratum, and the weighted total of each stratum equals its population). Strata of the population list
/// where nobody was interviewed are listed: the estimates then describe the sampled strata only.
/// </summary>
public static class SamplingWeights
{
    public static AnalysisOutcome<StratumWeights> PerStratum(IReadOnlyList<StratumPopulation> populations, IEnumerable<string> respondentStrata)
    {
        var problems = new List<AnalysisProblem>();
        var population = new Dictionary<string, double>(StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < populations.Count; i++)
        {
            var p = populations[i];
            if (!string.IsNullOrWhiteSpace(p.Stratum))
                listed.Add(p.Stratum);
            if (string.IsNullOrWhiteSpace(p.Stratum))
                problems.Add(new($"populations[{i}].stratum", "Give the stratum's code (the admin area's P-code)."));
            else if (!double.IsFinite(p.Population) || p.Population <= 0)
                problems.Add(new($"populations[{i}].population", $"The population of {p.Stratum} must be a number above 0."));
            else if (!population.TryAdd(p.Stratum, p.Population))
                problems.Add(new($"populations[{i}].stratum", $"{p.Stratum} is listed twice; give each stratum's population once."));
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stratum in respondentStrata)
            counts[stratum] = counts.GetValueOrDefault(stratum) + 1;
        foreach (var stratum in counts.Keys.Where(s => !listed.Contains(s)).Order(StringComparer.Ordinal))
            problems.Add(new("populations", $"Respondents were interviewed in {stratum} but no population is given for it."));
        if (problems.Count > 0)
            return AnalysisOutcome<StratumWeights>.Refused(problems.Take(AnalysisOutcome<StratumWeights>.MaxProblems).ToList());

        var weights = counts.ToDictionary(c => c.Key, c => population[c.Key] / c.Value, StringComparer.Ordinal);
        var unsampled = population.Keys.Where(s => !counts.ContainsKey(s)).Order(StringComparer.Ordinal).ToList();
        return AnalysisOutcome<StratumWeights>.Ok(new StratumWeights(weights, counts, unsampled));
    }

    /// <summary>The respondents with their weight set to their stratum's N_h ÷ n_h.</summary>
    public static AnalysisOutcome<IReadOnlyList<Respondent>> Apply(IReadOnlyList<StratumPopulation> populations, IReadOnlyList<Respondent> respondents)
    {
        var perStratum = PerStratum(populations, respondents.Select(r => r.Stratum));
        if (!perStratum.Succeeded)
            return AnalysisOutcome<IReadOnlyList<Respondent>>.Refused(perStratum.Problems);
        var weights = perStratum.Value!.Weights;
        return AnalysisOutcome<IReadOnlyList<Respondent>>.Ok(respondents.Select(r => r with { Weight = weights[r.Stratum] }).ToList());
    }
}
