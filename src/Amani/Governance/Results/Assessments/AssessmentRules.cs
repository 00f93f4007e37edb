using Amani.Governance.Results.Plans;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Assessments;

/// <summary>
/// An assessment of a mission's plan while it is a draft: its frame (title, period, scope, method, team), its findings
/// with their evidence (the mission's indicators, records of any registered kind), its rating of the plan's objectives.
/// Every change takes the assessment's version in If-Match and is audited; a final assessment no longer changes (409).
/// Each check comes before anything is written: a refusal writes nothing.
/// </summary>
public sealed class AssessmentRules(AmaniDbContext db, AuditLog audit, TimeProvider clock, RecordKinds kinds)
{
    public const int MaxEvidence = 50, MaxRatings = 200;

    public async Task<Outcome<Assessment>> CreateAsync(Guid missionId, AssessmentInput input, Guid userId, CancellationToken cancellationToken)
    {
        Plan? plan;
        if (input.PlanId is { } planId)
        {
            if ((plan = await db.Set<Plan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId && p.MissionId == missionId, cancellationToken)) is null)
                return Refusal.Invalid("planId", $"The mission has no plan version {planId}.");
        }
        else if ((plan = await PlanQueries.CurrentAsync(db, missionId, cancellationToken)) is null)
            return Refusal.Invalid("planId", "The mission has no plan yet: an assessment assesses a plan (create it first: POST …/plans).");
        if (Check(input) is { } refused)
            return refused;
        var now = Now;
        var assessment = new Assessment { MissionId = missionId, PlanId = plan.Id, Title = "", Status = AssessmentStatus.Draft, CreatedByUserId = userId,
            CreatedAt = now, UpdatedAt = now };
        Apply(assessment, input);
        db.Add(assessment);
        audit.Record(AuditAction.AssessmentCreated, Assessment.AuditEntity, assessment.Id,
            $"Assessment \"{assessment.Title}\" of plan version {plan.Number} created ({Span(assessment)}).");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Assessment>.Ok(assessment);
    }

    public async Task<Outcome<Assessment>> UpdateAsync(Assessment assessment, int expectedVersion, AssessmentInput input, CancellationToken cancellationToken)
    {
        if (Editable(assessment, expectedVersion) is { } refused)
            return refused;
        if (input.PlanId is { } planId && planId != assessment.PlanId)
            return Refusal.Invalid("planId", "An assessment's plan version does not change: start another assessment for another version.");
        if (Check(input) is { } invalid)
            return invalid;
        Apply(assessment, input);
        audit.Record(AuditAction.AssessmentUpdated, Assessment.AuditEntity, assessment.Id, $"Assessment \"{assessment.Title}\" changed ({Span(assessment)}).");
        return await SavedAsync(assessment, cancellationToken);
    }

    public async Task<Outcome<Assessment>> AddFindingAsync(Assessment assessment, int expectedVersion, FindingInput input, CancellationToken cancellationToken)
    {
        if (Editable(assessment, expectedVersion) is { } refused)
            return refused;
        if (await FindingRefusalAsync(assessment, input, cancellationToken) is { } invalid)
            return invalid;
        var position = await db.Set<Finding>().CountAsync(f => f.AssessmentId == assessment.Id, cancellationToken);
        var finding = new Finding { AssessmentId = assessment.Id, Text = input.Text!.Trim(), Position = position };
        db.Add(finding);
        AddEvidence(finding, input.Evidence ?? []);
        audit.Record(AuditAction.AssessmentFindingAdded, Assessment.AuditEntity, assessment.Id,
            $"Finding {position + 1} added to \"{assessment.Title}\" with {input.Evidence?.Count ?? 0} piece(s) of evidence.");
        return await SavedAsync(assessment, cancellationToken);
    }

    /// <summary>Replaces a finding's text and evidence (the finding keeps its place), under the same checks as a new one.</summary>
    public async Task<Outcome<Assessment>> UpdateFindingAsync(Assessment assessment, int expectedVersion, Guid findingId, FindingInput input,
        CancellationToken cancellationToken)
    {
        if (Editable(assessment, expectedVersion) is { } refused)
            return refused;
        if (await db.Set<Finding>().FirstOrDefaultAsync(f => f.Id == findingId && f.AssessmentId == assessment.Id, cancellationToken) is not { } finding)
            return Refusal.NotFound($"The assessment has no finding {findingId}.");
        if (await FindingRefusalAsync(assessment, input, cancellationToken) is { } invalid)
            return invalid;
        finding.Text = input.Text!.Trim();
        db.RemoveRange(await db.Set<FindingEvidence>().Where(e => e.FindingId == finding.Id).ToListAsync(cancellationToken));
        AddEvidence(finding, input.Evidence ?? []);
        audit.Record(AuditAction.AssessmentFindingChanged, Assessment.AuditEntity, assessment.Id,
            $"Finding {finding.Position + 1} of \"{assessment.Title}\" changed, now with {input.Evidence?.Count ?? 0} piece(s) of evidence.");
        return await SavedAsync(assessment, cancellationToken);
    }

    /// <summary>Why a finding as given cannot be stored (its text, each piece of evidence), or null.</summary>
    private async Task<Refusal?> FindingRefusalAsync(Assessment assessment, FindingInput input, CancellationToken cancellationToken)
    {
        var text = input.Text?.Trim() ?? "";
        if (text.Length is 0 or > ResultsLimits.Text)
            return Refusal.Invalid("text", $"Give what the assessment found, at most {ResultsLimits.Text} characters.");
        var evidence = input.Evidence ?? [];
        if (evidence.Count > MaxEvidence)
            return Refusal.Invalid("evidence", $"A finding takes at most {MaxEvidence} pieces of evidence.");
        var indicatorIds = evidence.Where(e => e.IndicatorId is not null).Select(e => e.IndicatorId!.Value).Distinct().ToList();
        var known = await db.Set<Indicator>().AsNoTracking().Where(i => i.MissionId == assessment.MissionId && indicatorIds.Contains(i.Id))
            .Select(i => i.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < evidence.Count; i++)
        {
            var (e, field) = (evidence[i], $"evidence[{i}]");
            if (e.IndicatorId is { } indicator)
            {
                if (e.RecordType is not null || e.RecordId is not null)
                    return Refusal.Invalid(field, "A piece of evidence is an indicator (indicatorId) or a record (recordType and recordId), not both.");
                if (!known.Contains(indicator))
                    return Refusal.Invalid($"{field}.indicatorId", $"The mission has no indicator {indicator}.");
            }
            else if (e.RecordType is null && e.RecordId is null)
                return Refusal.Invalid(field, "Give an indicator (indicatorId) or a record (recordType and recordId).");
            else if (kinds.Find(e.RecordType?.Trim()) is null)
                return Refusal.Invalid($"{field}.recordType", $"'{e.RecordType}' is not a kind of record: give one of {string.Join(", ", kinds.Types.Order(StringComparer.Ordinal))}.");
            else if (e.RecordId is not { } record)
                return Refusal.Invalid($"{field}.recordId", "Give the id of the record (recordId).");
            else if (!await kinds.ExistsAsync(db, e.RecordType!.Trim(), assessment.MissionId, record, cancellationToken))
                return Refusal.Invalid($"{field}.recordId", $"The mission has no {e.RecordType.Trim()} {record}: cite a record of this mission by its id.");
        }
        return null;
    }

    private void AddEvidence(Finding finding, IReadOnlyList<EvidenceInput> evidence)
    {
        foreach (var e in evidence.DistinctBy(e => (e.IndicatorId, e.RecordType?.Trim(), e.RecordId)))
            db.Add(new FindingEvidence { FindingId = finding.Id, IndicatorId = e.IndicatorId, RecordType = e.RecordType?.Trim(), RecordId = e.RecordId });
    }

    /// <summary>Replaces the assessment's ratings: one per objective of its plan (by node key).</summary>
    public async Task<Outcome<Assessment>> SetRatingsAsync(Assessment assessment, int expectedVersion, IReadOnlyList<RatingInput>? input,
        CancellationToken cancellationToken)
    {
        if (Editable(assessment, expectedVersion) is { } refused)
            return refused;
        var ratings = input ?? [];
        if (ratings.Count > MaxRatings)
            return Refusal.Invalid("ratings", $"Give at most {MaxRatings} ratings.");
        var objectives = await db.Set<PlanNode>().AsNoTracking().Where(n => n.PlanId == assessment.PlanId && n.Level == PlanLevel.Objective)
            .Select(n => n.Key).ToListAsync(cancellationToken);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < ratings.Count; i++)
        {
            var r = ratings[i];
            if (r.NodeKey is not { } key)
                return Refusal.Invalid($"ratings[{i}].nodeKey", "Give the key of the objective rated (nodeKey, as the plan lists it).");
            if (!objectives.Contains(key))
                return Refusal.Invalid($"ratings[{i}].nodeKey", $"{key} is not an objective of the plan version assessed: rate its objectives (level objective).");
            if (!seen.Add(key))
                return Refusal.Invalid($"ratings[{i}].nodeKey", "That objective is rated twice.");
            if (r.Rating is null)
                return Refusal.Invalid($"ratings[{i}].rating", "Give the rating: onTrack, partlyOnTrack, offTrack or notAssessed.");
            if (r.Comment is { Length: > ResultsLimits.Text })
                return Refusal.Invalid($"ratings[{i}].comment", $"A comment takes at most {ResultsLimits.Text} characters.");
        }
        db.RemoveRange(await db.Set<ObjectiveRating>().Where(r => r.AssessmentId == assessment.Id).ToListAsync(cancellationToken));
        foreach (var r in ratings)
            db.Add(new ObjectiveRating { AssessmentId = assessment.Id, NodeKey = r.NodeKey!.Value, Rating = r.Rating!.Value,
                Comment = string.IsNullOrWhiteSpace(r.Comment) ? null : r.Comment.Trim() });
        audit.Record(AuditAction.AssessmentRatingsSet, Assessment.AuditEntity, assessment.Id, $"{ratings.Count} objective(s) rated in \"{assessment.Title}\".");
        return await SavedAsync(assessment, cancellationToken);
    }

    /// <summary>Makes the assessment final: its frame, findings, ratings and recommendations no longer change (decisions still come).</summary>
    public async Task<Outcome<Assessment>> FinalizeAsync(Assessment assessment, int expectedVersion, CancellationToken cancellationToken)
    {
        if (Editable(assessment, expectedVersion) is { } refused)
            return refused;
        assessment.Status = AssessmentStatus.Final;
        audit.Record(AuditAction.AssessmentFinalized, Assessment.AuditEntity, assessment.Id, $"Assessment \"{assessment.Title}\" made final.");
        return await SavedAsync(assessment, cancellationToken);
    }

    internal async Task<Outcome<Assessment>> SavedAsync(Assessment assessment, CancellationToken cancellationToken)
    {
        assessment.UpdatedAt = Now;
        assessment.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Assessment>.Ok(assessment);
    }

    internal static Refusal? Stale(Assessment assessment, int expectedVersion) => assessment.Version != expectedVersion
        ? Refusal.Stale($"The assessment changed since you read it (version {assessment.Version}, you sent {expectedVersion}); read it again.")
        : null;

    internal static Refusal? Editable(Assessment assessment, int expectedVersion) => Stale(assessment, expectedVersion)
        ?? (assessment.Status == AssessmentStatus.Final
            ? Refusal.Conflict($"The assessment \"{assessment.Title}\" is final: it no longer changes (its recommendations can still be decided).")
            : null);

    private static Refusal? Check(AssessmentInput input) =>
        string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > ResultsLimits.Name ? Refusal.Invalid("title", $"Give the assessment's title, at most {ResultsLimits.Name} characters.")
        : input.PeriodFrom is null ? Refusal.Invalid("periodFrom", "Give the first day of the period assessed (YYYY-MM-DD).")
        : input.PeriodUntil is null ? Refusal.Invalid("periodUntil", "Give the last day of the period assessed (YYYY-MM-DD).")
        : input.PeriodUntil < input.PeriodFrom ? Refusal.Invalid("periodUntil", "The period assessed ends on or after its first day.")
        : input.Scope is { Length: > ResultsLimits.Text } ? Refusal.Invalid("scope", $"The scope takes at most {ResultsLimits.Text} characters.")
        : input.Method is { Length: > ResultsLimits.Text } ? Refusal.Invalid("method", $"The method takes at most {ResultsLimits.Text} characters.")
        : input.Team is { Length: > ResultsLimits.Name } ? Refusal.Invalid("team", $"The team takes at most {ResultsLimits.Name} characters.")
        : null;

    private static void Apply(Assessment assessment, AssessmentInput input)
    {
        (assessment.Title, assessment.PeriodFrom, assessment.PeriodUntil) = (input.Title!.Trim(), input.PeriodFrom!.Value, input.PeriodUntil!.Value);
        assessment.Scope = string.IsNullOrWhiteSpace(input.Scope) ? null : input.Scope.Trim();
        assessment.Method = string.IsNullOrWhiteSpace(input.Method) ? null : input.Method.Trim();
        assessment.Team = string.IsNullOrWhiteSpace(input.Team) ? null : input.Team.Trim();
    }

    private static string Span(Assessment a) => $"{a.PeriodFrom:yyyy-MM-dd} to {a.PeriodUntil:yyyy-MM-dd}";

    private DateTime Now => AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
}
