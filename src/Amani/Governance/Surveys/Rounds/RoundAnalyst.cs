using Amani.Governance.Surveys.Analysis;
using Amani.Platform.Records;

namespace Amani.Governance.Surveys.Rounds;

/// <summary>What to estimate: a question, an optional breakdown (area, sex or age) and optional choices counted together.</summary>
public sealed record RoundQuestion(string? Question, string? By, string? Choice);

/// <summary>
/// A round's design as analysed: respondents, strata, clusters, degrees of freedom, and what was left out — for a
/// geopoint stratum also the points left out by reason (<see cref="PointCounts"/>; null for a select_one of P-codes).
/// </summary>
public sealed record DesignResponse(int Submissions, int Respondents, int LeftOut, int Strata, int Clusters, int DegreesOfFreedom,
    IReadOnlyList<string> SinglePsuStrata, IReadOnlyList<string> UnsampledStrata, PointCounts? Points = null);

/// <summary>
/// One cell's estimate for staff: every cell is shown; <c>belowMinimum</c> marks those the published figures suppress.
/// </summary>
public sealed record EstimateResponse(IReadOnlyDictionary<string, string> Domain, string Kind, string? Category, int N, bool BelowMinimum,
    double? Value, double? StandardError, double? Lower, double? Upper, double? DesignEffect, double? WeightedN);

/// <summary>A round as loaded and its estimates for one question.</summary>
public sealed record RoundEstimates(LoadedRound Loaded, RoundAnalysis Analysis);

public sealed record AnalysisResponse(Guid RoundId, string Round, string Question, string QuestionKind, string? By, string? Choice,
    int MinimumCellSize, DesignResponse Design, IReadOnlyList<EstimateResponse> Estimates);

public sealed record ChangeResponse(IReadOnlyDictionary<string, string> Domain, string Kind, string? Category, bool Suppressed, double? From, double? To,
    double? Difference, double? StandardError, double? Lower, double? Upper, int? DegreesOfFreedom, double? PValue, bool Significant);

public sealed record ComparisonResponse(Guid From, Guid To, string FromRound, string ToRound, string Question, string? By, string? Choice,
    IReadOnlyList<ChangeResponse> Changes);

/// <summary>
/// Runs <see cref="SurveyEstimator"/> on a loaded round for one question: overall or by area, sex or age; the choices
/// named in <c>choice</c> (comma-separated) counted together as one share. Staff see every cell (those under the
/// round's minimum cell size flagged); the published figures apply the minimum (see <see cref="PublicRounds"/>).
/// </summary>
public sealed class RoundAnalyst(RoundData data)
{
    public const string SetName = "selected";
    public static IReadOnlyList<string> Breakdowns { get; } = ["area", "sex", "age"];

    public async Task<Outcome<RoundEstimates>> AnalyseAsync(SurveyRoundRecord round, RoundQuestion ask, int minimumN,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ask.Question))
            return Refusal.Invalid("question", "Name the question to analyse (its path in the form, e.g. 'safe_night').");
        if (ask.By is { } by && !Breakdowns.Contains(by))
            return Refusal.Invalid("by", $"Break down by {string.Join(", ", Breakdowns)}, or leave 'by' out for the whole round.");
        var loaded = await data.LoadAsync(round, cancellationToken);
        if (loaded.Round is not { } surveyRound)
            return Refusal.Invalid("round", "The round cannot be analysed: " + string.Join(" ", loaded.Problems.Take(5).Select(p => p.Message))
                + (loaded.Submissions == 0 ? " No submission of its form was received during its fieldwork dates." : "")
                + (loaded.Points is { } p && p.NoPoint + p.OutsideAreas + p.OutsideStrata > 0
                    ? $" Of the respondents' locations, {p.NoPoint} are missing, {p.OutsideAreas} fall in no admin area of the mission and {p.OutsideStrata} in no stratum of the round."
                    : ""));
        if (surveyRound.Questions.FirstOrDefault(q => q.Name == ask.Question.Trim()) is not { } question)
            return Refusal.Invalid("question",
                $"'{ask.Question.Trim()}' is not an analysable question of the form (a select_one, select_multiple, integer or decimal outside a repeat).");
        var choices = ask.Choice?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (choices.Length > 0 && question.Kind == QuestionKind.Number)
            return Refusal.Invalid("choice", $"'{question.Name}' is a number: its mean is estimated; leave 'choice' out.");
        if (choices.FirstOrDefault(c => !question.Choices.Contains(c)) is { } unknown)
            return Refusal.Invalid("choice", $"'{unknown}' is not a choice of '{question.Name}' ({string.Join(", ", question.Choices)}).");
        var request = new AnalysisRequest([ask.By is { } b ? [b] : []], choices.Length > 0 ? [new CategorySet(SetName, question.Name, choices)] : [],
            minimumN, [question.Name]);
        var analysis = SurveyEstimator.Analyse(surveyRound, request);
        if (!analysis.Succeeded)
            return Refusal.Invalid("question", string.Join(" ", analysis.Problems.Take(5).Select(p => p.Message)));
        var kept = choices.Length > 0 ? analysis.Value!.Estimates.Where(e => e.Kind == EstimateKind.SetProportion).ToList() : analysis.Value!.Estimates;
        return Outcome<RoundEstimates>.Ok(new RoundEstimates(loaded, analysis.Value with { Estimates = kept }));
    }

    public static DesignResponse Design(LoadedRound loaded) => new(loaded.Submissions, loaded.Round!.Design.Respondents, loaded.Left,
        loaded.Round.Design.Strata, loaded.Round.Design.Clusters, loaded.Round.Design.DegreesOfFreedom, loaded.Round.Design.SinglePsuStrata, loaded.UnsampledStrata, loaded.Points);

    public static AnalysisResponse Response(SurveyRoundRecord round, RoundQuestion ask, LoadedRound loaded, RoundAnalysis analysis) => new(
        round.Id, round.Name, ask.Question!.Trim(), Camel(loaded.Round!.Questions.First(q => q.Name == ask.Question.Trim()).Kind.ToString()), ask.By, ask.Choice,
        round.MinimumCellSize, Design(loaded),
        analysis.Estimates.Select(e => new EstimateResponse(Domain(e.Domain), Camel(e.Kind.ToString()), e.Category, e.UnweightedN,
            e.UnweightedN < round.MinimumCellSize, e.Value, e.StandardError, e.Lower, e.Upper, e.DesignEffect, e.WeightedN)).ToList());

    public static IReadOnlyDictionary<string, string> Domain(IReadOnlyList<DomainValue> domain) => domain.ToDictionary(d => d.Variable, d => d.Value);

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    public static ChangeResponse Change(Change c) => new(Domain(c.Domain), Camel(c.Kind.ToString()), c.Category, c.Suppressed, c.From, c.To,
        c.Difference, c.StandardError, c.Lower, c.Upper, c.DegreesOfFreedom, c.PValue, c.Significant);
}
