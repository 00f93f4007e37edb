using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Problems;
using Amani.Platform.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Rounds;

/// <summary>The mission, the caller's rights in it and the survey whose rounds are asked for.</summary>
public sealed record RoundScope(MissionEntry Mission, SurveyRights Rights, Survey Survey);

/// <summary>
/// Finds a survey's rounds for the caller — the one place that decides who sees them: whoever reads the mission's surveys,
/// except for a sensitive survey, whose rounds (built from its submissions) only its team sees.
/// </summary>
public sealed class RoundAccess(SurveyAccess access, SurveyQueries queries, AmaniDbContext db)
{
    public const int PublicMaxAdminLevel = 2;

    public async Task<(RoundScope? Scope, ProblemHttpResult? Refused)> SurveyAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (mission, rights) || await queries.SurveyAsync(rights, id, false, cancellationToken) is not { } survey)
            return (null, Problem.NotFound($"The survey {id}"));
        return rights.SeesSubmissionsOf(survey)
            ? (new RoundScope(mission, rights, survey), null)
            : (null, Problem.Forbidden($"The survey '{survey.Name}' is sensitive: only its team sees its rounds. Its managers can add you to the team."));
    }

    public async Task<(SurveyRoundRecord? Round, RoundScope? Scope, ProblemHttpResult? Refused)> RoundAsync(string code, Guid id, Guid roundId, bool tracked,
        CancellationToken cancellationToken)
    {
        var (scope, refused) = await SurveyAsync(code, id, cancellationToken);
        if (refused is not null)
            return (null, null, refused);
        var query = db.Set<SurveyRoundRecord>().Include(r => r.Strata).Where(r => r.Id == roundId && r.SurveyId == id);
        return await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken) is { } round
            ? (round, scope, null)
            : (null, null, Problem.NotFound($"The round {roundId} of survey {id}"));
    }

    public async Task<RoundList> ListAsync(Survey survey, CancellationToken cancellationToken)
    {
        var rounds = await db.Set<SurveyRoundRecord>().AsNoTracking().Include(r => r.Strata).Where(r => r.SurveyId == survey.Id)
            .OrderBy(r => r.FieldworkStart).ThenBy(r => r.Name).ToListAsync(cancellationToken);
        var forms = await FormIdsAsync(rounds.Select(r => r.FormId), cancellationToken);
        return new RoundList(rounds.Select(r => Response(r, forms[r.FormId])).ToList());
    }

    public async Task<RoundResponse> ResponseAsync(SurveyRoundRecord round, CancellationToken cancellationToken) =>
        Response(round, (await FormIdsAsync([round.FormId], cancellationToken))[round.FormId]);

    private Task<Dictionary<Guid, string>> FormIdsAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return db.Set<SurveyForm>().AsNoTracking().Where(f => list.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.XmlFormId, cancellationToken);
    }

    private static RoundResponse Response(SurveyRoundRecord r, string xmlFormId) => new(r.Id, r.SurveyId, xmlFormId, r.Name, r.Description,
        r.FieldworkStart, r.FieldworkEnd, r.StratumQuestion, r.ClusterQuestion, r.SexQuestion, r.AgeQuestion, r.ConsentQuestion, r.MinimumCellSize,
        r.ApprovedOnly, r.Published, r.PublishedAt, r.Version,
        r.Strata.OrderBy(s => s.Pcode, StringComparer.Ordinal).Select(s => new StratumInput(s.Pcode, s.Population, s.ClustersSampled, s.RespondentsPerCluster)).ToList());

    /// <summary>
    /// Why the round cannot be published, or null: a sensitive survey is never published, and published figures show
    /// areas at admin level 2 at most, so every stratum must be one of the mission's admin areas at level 1 or 2.
    /// </summary>
    public async Task<Refusal?> PublicationProblemAsync(RoundScope scope, SurveyRoundRecord round, CancellationToken cancellationToken)
    {
        if (scope.Survey.Sensitive)
            return Refusal.Invalid("published", "The survey is sensitive: its rounds are never published.");
        if (round.Strata.Count == 0)
            return Refusal.Invalid("published", "Give the round's strata and their populations before publishing it.");
        var pcodes = round.Strata.Select(s => s.Pcode).ToList();
        var levels = await db.Set<AdminArea>().AsNoTracking().Where(a => a.MissionId == round.MissionId && pcodes.Contains(a.PCode))
            .ToDictionaryAsync(a => a.PCode, a => a.Level, cancellationToken);
        var wrong = pcodes.Where(p => !levels.TryGetValue(p, out var level) || level is < 1 or > PublicMaxAdminLevel).Order(StringComparer.Ordinal).Take(10).ToList();
        return wrong.Count == 0
            ? null
            : Refusal.Invalid("published",
                $"Published figures show areas at admin level 2 at most: {string.Join(", ", wrong)} {(wrong.Count == 1 ? "is not an" : "are not")} admin-1 or admin-2 area{(wrong.Count == 1 ? "" : "s")} of the mission.");
    }
}
