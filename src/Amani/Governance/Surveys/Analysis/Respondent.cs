namespace Amani.Governance.Surveys.Analysis;

/// <summary>
/// One respondent of a survey round: the stratum (an admin area's P-code), the cluster (the primary sampling unit, whose
/// id need only be unique within its stratum), the sampling weight (how many people the respondent stands for; see
/// <see cref="SamplingWeights"/>), the domain variables (area at each level, sex, age group…: name → value, a missing
/// or empty value leaves the respondent out of that variable's cells only) and the answers (question name → answer).
/// </summary>
public sealed record Respondent(
    string Stratum,
    string Cluster,
    double Weight,
    IReadOnlyDictionary<string, string?> Domains,
    IReadOnlyDictionary<string, Answer> Answers);
