using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Platform.Access;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Rounds;

/// <summary>
/// A published cell: the area (a stratum, admin level 1 or 2), the category or "selected" set, and — only when the cell
/// has at least the round's minimum number of respondents — the weighted estimate, its 95 % interval and n. A
/// suppressed cell carries nothing else: no value, no interval, no n.
/// </summary>
public sealed record PublicEstimate(string? Area, string Kind, string? Category, bool Suppressed, int? N, double? Value, double? Lower, double? Upper);

public sealed record PublicAnalysis(Guid RoundId, string Round, DateOnly FieldworkStart, DateOnly FieldworkEnd, string Question, string? By, string? Choice,
    int MinimumCellSize, IReadOnlyList<PublicEstimate> Estimates);

/// <summary>
/// The published figures of perception survey rounds, anonymous and rate-limited:
/// <c>GET /api/v1/public/missions/{code}/surveys/rounds/{roundId}/analysis?question=…[&amp;by=area][&amp;choice=…]</c>.
/// Only a round marked published of a survey that is not sensitive is found (404 otherwise, as for a round that does
/// not exist); the only breakdown is the area (no sex or age cells, which are smaller); cells under the round's
/// minimum cell size are suppressed; no respondent's answer, cluster or weight is ever part of the answer.
/// </summary>
public static class PublicRounds
{
    public static RouteGroupBuilder MapPublicRoundsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/public/missions/{code}/surveys/rounds/{roundId:guid}/analysis", AnalyseAsync).WithTags("Surveys (public)")
            .WithName("PublicSurveyRoundAnalysis").RequireRateLimiting(RateLimits.Anonymous);
        return api;
    }

    private static async Task<Results<Ok<PublicAnalysis>, ProblemHttpResult>> AnalyseAsync(string code, Guid roundId, AmaniDbContext db, RoundAnalyst analyst,
        CancellationToken cancellationToken, string? question = null, string? by = null, string? choice = null)
    {
        var normalized = code.Trim().ToUpperInvariant();
        var missions = db.Missions;
        var round = await db.Set<SurveyRoundRecord>().AsNoTracking().Include(r => r.Strata)
            .Where(r => r.Id == roundId && r.Published && missions.Any(m => m.Id == r.MissionId && m.Code == normalized)
                        && db.Set<Survey>().Any(s => s.Id == r.SurveyId && !s.Sensitive))
            .FirstOrDefaultAsync(cancellationToken);
        if (round is null)
            return Problem.NotFound($"The published survey round {roundId} of mission '{code}'");
        if (by is not null && by != "area")
            return Problem.Of(Platform.Records.Refusal.Invalid("by", "Published figures are broken down by area only: give by=area or leave it out."));
        var ask = new RoundQuestion(question, by, choice);
        var outcome = await analyst.AnalyseAsync(round, ask, round.MinimumCellSize, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        var estimates = outcome.Value!.Analysis.Estimates.Select(e => e.Suppressed || e.UnweightedN < round.MinimumCellSize
            ? new PublicEstimate(Area(e), RoundAnalyst.Camel(e.Kind.ToString()), e.Category, true, null, null, null, null)
            : new PublicEstimate(Area(e), RoundAnalyst.Camel(e.Kind.ToString()), e.Category, false, e.UnweightedN, e.Value, e.Lower, e.Upper)).ToList();
        return TypedResults.Ok(new PublicAnalysis(round.Id, round.Name, round.FieldworkStart, round.FieldworkEnd, ask.Question!.Trim(), by, choice,
            round.MinimumCellSize, estimates));
    }

    private static string? Area(Analysis.Estimate e) => e.Domain.FirstOrDefault(d => d.Variable == "area")?.Value;
}
