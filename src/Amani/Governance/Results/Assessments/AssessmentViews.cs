using Amani.Governance.Results.Plans;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.FollowUps;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Assessments;

/// <summary>
/// Finding an assessment the caller may see and showing it. Assessments are the mission staff's: a caller without
/// <c>results:read</c> in the mission gets 404 (as for any record of a mission it cannot see); a partner, who reads only
/// the indicators its organisation reports on, gets 403 — an assessment judges the whole plan and names its records.
/// </summary>
public sealed class AssessmentViews(AmaniDbContext db, AccessContext access, ResultsAccess results, IPeopleDirectory people, RecordKinds kinds)
{
    public static readonly Refusal PartnersRefused = Refusal.NotAllowed(
        "Assessments are for the mission's staff: a partner organisation reads the indicators it reports on, not the mission's assessments.");

    /// <summary>Whether the caller reads the mission's assessments (staff holding results:read): null when it may, else the refusal.</summary>
    public async Task<Refusal?> ReadRefusalAsync(Guid missionId, CancellationToken cancellationToken) =>
        !await access.HasAsync(Permission.ResultsRead, missionId, cancellationToken) ? Refusal.NotFound("The mission was not found.")
        : !await results.ReadsAllAsync(missionId, cancellationToken) ? PartnersRefused
        : null;

    /// <summary>The assessment, when the caller may read it and holds <paramref name="permission"/> in its mission.</summary>
    public async Task<Outcome<Assessment>> FindAsync(Guid id, Permission permission, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Set<Assessment>().Where(a => a.Id == id);
        var assessment = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        if (assessment is null || !await access.HasAsync(permission, assessment.MissionId, cancellationToken))
            return Refusal.NotFound($"The assessment {id} was not found.");
        return await ReadRefusalAsync(assessment.MissionId, cancellationToken) is { } refused ? refused : Outcome<Assessment>.Ok(assessment);
    }

    public async Task<IReadOnlyList<AssessmentSummary>> ListAsync(Guid missionId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Assessment>().AsNoTracking().Where(a => a.MissionId == missionId)
            .OrderByDescending(a => a.PeriodUntil).ThenByDescending(a => a.CreatedAt)
            .Select(a => new
            {
                a.Id, a.Title, a.PeriodFrom, a.PeriodUntil, a.Status, a.UpdatedAt,
                Plan = db.Set<Plan>().Where(p => p.Id == a.PlanId).Select(p => p.Number).First(),
                Findings = db.Set<Finding>().Count(f => f.AssessmentId == a.Id),
                Recommendations = db.Set<Recommendation>().Count(r => r.AssessmentId == a.Id),
                Pending = db.Set<Recommendation>().Count(r => r.AssessmentId == a.Id && r.Decision == RecommendationDecision.Pending),
            }).ToListAsync(cancellationToken);
        return rows.Select(r => new AssessmentSummary(r.Id, r.Title, r.PeriodFrom, r.PeriodUntil, r.Status, r.Plan, r.Findings, r.Recommendations, r.Pending,
            r.UpdatedAt)).ToList();
    }

    /// <summary>The assessment whole: findings with evidence (and where each piece is shown), ratings, recommendations with their decision, follow-up and the plan changes they caused.</summary>
    public async Task<AssessmentResponse> OfAsync(Assessment a, CancellationToken cancellationToken)
    {
        var code = await db.Set<Amani.Foundation.Missions.Mission>().AsNoTracking().Where(m => m.Id == a.MissionId).Select(m => m.Code).FirstAsync(cancellationToken);
        var plan = await db.Set<Plan>().AsNoTracking().FirstAsync(p => p.Id == a.PlanId, cancellationToken);
        var findings = await db.Set<Finding>().AsNoTracking().Where(f => f.AssessmentId == a.Id).OrderBy(f => f.Position).ToListAsync(cancellationToken);
        var findingIds = findings.Select(f => f.Id).ToList();
        var evidence = (await db.Set<FindingEvidence>().AsNoTracking().Where(e => findingIds.Contains(e.FindingId)).ToListAsync(cancellationToken))
            // Indicators first, then records by kind: ids made in the same millisecond carry no order.
            .OrderBy(e => e.IndicatorId is null).ThenBy(e => e.RecordType, StringComparer.Ordinal).ThenBy(e => e.Id).ToLookup(e => e.FindingId);
        var indicatorIds = evidence.SelectMany(g => g).Where(e => e.IndicatorId is not null).Select(e => e.IndicatorId!.Value).Distinct().ToList();
        var indicatorCodes = await db.Set<Indicator>().AsNoTracking().Where(i => indicatorIds.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
        var escaped = Uri.EscapeDataString(code);
        EvidenceResponse Evidence(FindingEvidence e) => e.IndicatorId is { } indicator
            ? new(indicator, indicatorCodes.GetValueOrDefault(indicator), null, null, $"/missions/{escaped}/results/indicators/{indicator}")
            : new(null, null, e.RecordType, e.RecordId, e.RecordId is { } id ? kinds.PathOf(e.RecordType, code, id) : null);

        var nodes = await db.Set<PlanNode>().AsNoTracking().Where(n => n.PlanId == a.PlanId).ToDictionaryAsync(n => n.Key, cancellationToken);
        var ratings = (await db.Set<ObjectiveRating>().AsNoTracking().Where(r => r.AssessmentId == a.Id).ToListAsync(cancellationToken))
            .Select(r => new RatingResponse(r.NodeKey, nodes.GetValueOrDefault(r.NodeKey)?.Code, nodes.GetValueOrDefault(r.NodeKey)?.Name, r.Rating, r.Comment))
            .OrderBy(r => r.NodeCode, StringComparer.Ordinal).ToList();

        var recommendations = await db.Set<Recommendation>().AsNoTracking().Where(r => r.AssessmentId == a.Id).OrderBy(r => r.Position).ToListAsync(cancellationToken);
        var recommendationIds = recommendations.Select(r => (Guid?)r.Id).ToList();
        var followUpIds = recommendations.Where(r => r.FollowUpId is not null).Select(r => r.FollowUpId!.Value).ToList();
        var followUps = await db.Set<FollowUp>().AsNoTracking().Where(f => followUpIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, cancellationToken);
        var changes = (await db.Set<PlanChange>().AsNoTracking().Where(c => recommendationIds.Contains(c.RecommendationId))
                .Join(db.Set<Plan>(), c => c.PlanId, p => p.Id, (c, p) => new { c, p.Number }).ToListAsync(cancellationToken))
            .OrderBy(x => x.c.At).ThenBy(x => x.c.Id)
            .ToLookup(x => x.c.RecommendationId!.Value, x => new CausedChange(x.c.PlanId, x.Number, x.c.Kind, x.c.NodeKey, x.c.Text, x.c.Actor, x.c.At));
        var names = await people.FindAsync(recommendations.SelectMany(r => new[] { r.OwnerUserId, r.DecidedByUserId }).Append(a.CreatedByUserId)
            .OfType<Guid>().Distinct().ToList(), cancellationToken);
        string? NameOf(Guid? user) => user is { } id ? names.GetValueOrDefault(id)?.DisplayName : null;
        FollowUpRef? FollowUpOf(Guid? id) => id is { } f && followUps.TryGetValue(f, out var followUp)
            ? new(f, followUp.Status, followUp.DueAt, $"/missions/{escaped}/follow-ups/{f}") : null;

        var adapted = await db.Set<Plan>().AsNoTracking().Where(p => p.AssessmentId == a.Id).OrderBy(p => p.Number)
            .Select(p => new AdaptedPlan(p.Id, p.Number, p.Status)).ToListAsync(cancellationToken);
        return new AssessmentResponse(a.Id, code, a.PlanId, plan.Number, a.Title, a.PeriodFrom, a.PeriodUntil, a.Scope, a.Method, a.Team, a.Status,
            NameOf(a.CreatedByUserId), a.CreatedAt, a.UpdatedAt, a.Version,
            findings.Select(f => new FindingResponse(f.Id, f.Text, f.Position, evidence[f.Id].Select(Evidence).ToList())).ToList(),
            ratings,
            recommendations.Select(r => new RecommendationResponse(r.Id, r.Text, r.OwnerUserId, NameOf(r.OwnerUserId), r.DueOn, r.Decision, r.DecisionReason,
                NameOf(r.DecidedByUserId), r.DecidedAt, FollowUpOf(r.FollowUpId), changes[r.Id].ToList())).ToList(),
            adapted);
    }
}
