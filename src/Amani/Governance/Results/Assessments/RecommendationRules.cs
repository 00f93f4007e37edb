using Amani.Governance.Results.Plans;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.FollowUps;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Assessments;

/// <summary>
/// An assessment's recommendations: added while it is a draft (a text, an owner of the mission, a due date), decided by
/// the leadership (accepted, partly accepted, rejected — a reason for the last two) whether the assessment is a draft or
/// final, each accepted or partly accepted one followed up through the <see cref="FollowUpBook"/> (owed by its owner, due
/// on its due date, linked back to the assessment); and "adapt": the plan's next version started from the assessment.
/// </summary>
public sealed class RecommendationRules(AmaniDbContext db, AuditLog audit, TimeProvider clock, IPeopleDirectory people, FollowUpBook followUps,
    PlanRules plans, AssessmentRules assessments)
{
    /// <summary>The follow-ups' module, and the record kind they link back to.</summary>
    public const string Module = "results", RecordType = "assessment";

    public async Task<Outcome<Recommendation>> AddAsync(Assessment assessment, int expectedVersion, RecommendationInput input, CancellationToken cancellationToken)
    {
        if (AssessmentRules.Editable(assessment, expectedVersion) is { } refused)
            return refused;
        var text = input.Text?.Trim() ?? "";
        if (text.Length is 0 or > ResultsLimits.Text)
            return Refusal.Invalid("text", $"Give the recommendation, at most {ResultsLimits.Text} characters.");
        if (input.OwnerUserId is not { } owner)
            return Refusal.Invalid("ownerUserId", "Give the user who owns the recommendation (ownerUserId): the follow-up of an accepted one is owed by them.");
        if (await OwnerRefusalAsync(assessment.MissionId, owner, cancellationToken) is { } badOwner)
            return badOwner;
        if (input.DueOn is not { } due)
            return Refusal.Invalid("dueOn", "Give the day the recommendation is due (YYYY-MM-DD).");
        if (due < DateOnly.FromDateTime(Now))
            return Refusal.Invalid("dueOn", $"The due date has passed (today is {Now:yyyy-MM-dd}): give today or a later day.");
        var position = await db.Set<Recommendation>().CountAsync(r => r.AssessmentId == assessment.Id, cancellationToken);
        var recommendation = new Recommendation { AssessmentId = assessment.Id, Text = text, OwnerUserId = owner, DueOn = due, Position = position,
            Decision = RecommendationDecision.Pending };
        db.Add(recommendation);
        audit.Record(AuditAction.RecommendationAdded, Recommendation.AuditEntity, recommendation.Id,
            $"Recommendation {position + 1} added to \"{assessment.Title}\", due {due:yyyy-MM-dd}.");
        var saved = await assessments.SavedAsync(assessment, cancellationToken);
        return saved.Refusal is { } failed ? failed : Outcome<Recommendation>.Ok(recommendation);
    }

    /// <summary>
    /// Records the leadership's decision (once: a decided recommendation is not decided again) and, for an accepted or
    /// partly accepted one, creates its follow-up in the same transaction. Takes the assessment's version in If-Match.
    /// </summary>
    public async Task<Outcome<Recommendation>> DecideAsync(MissionEntry mission, Assessment assessment, Recommendation recommendation, int expectedVersion,
        DecisionInput input, Guid userId, CancellationToken cancellationToken)
    {
        if (AssessmentRules.Stale(assessment, expectedVersion) is { } stale)
            return stale;
        if (input.Decision is not { } decision || decision == RecommendationDecision.Pending)
            return Refusal.Invalid("decision", "Give the decision: accepted, partlyAccepted or rejected.");
        if (recommendation.Decision != RecommendationDecision.Pending)
            return Refusal.Conflict($"The recommendation was decided already ({Name(recommendation.Decision)}, {recommendation.DecidedAt:yyyy-MM-dd}): a decision is not taken twice.");
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        if (reason is null && decision != RecommendationDecision.Accepted)
            return Refusal.Invalid("reason", $"Give the reason why the recommendation is {(decision == RecommendationDecision.Rejected ? "rejected" : "only partly accepted")}.");
        if (reason is { Length: > ResultsLimits.Text })
            return Refusal.Invalid("reason", $"The reason takes at most {ResultsLimits.Text} characters.");
        var due = input.DueOn ?? recommendation.DueOn;
        var followed = decision != RecommendationDecision.Rejected;
        DateTime dueAt = default;
        if (followed)
        {
            if (due is null)
                return Refusal.Invalid("dueOn", "Give the day the accepted recommendation is due (dueOn).");
            dueAt = EndOf(due.Value, mission.TimeZone);
            if (dueAt <= Now)
                return Refusal.Invalid("dueOn", $"The recommendation's due date ({due:yyyy-MM-dd}) has passed: give a new one (dueOn) with the decision.");
        }

        var outer = db.Database.CurrentTransaction;
        await using var transaction = outer is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (followed)
        {
            var title = Cut($"Recommendation: {recommendation.Text}", FollowUpLimits.Title);
            var details = Cut($"From the assessment \"{assessment.Title}\" ({Name(decision)}{(reason is null ? "" : $": {reason}")}).", FollowUpLimits.Text);
            var created = await followUps.CreateAsync(mission, new FollowUpCreateRequest(title, details,
                    new FollowUpOwnerInput(FollowUpOwnerKind.User, recommendation.OwnerUserId, null, null), new DateTimeOffset(dueAt, TimeSpan.Zero), 24, null,
                    Module, RecordType, assessment.Id, null),
                userId, _ => true, cancellationToken);
            if (created.Refusal is { } refused) // the follow-up book refuses before it writes: nothing to undo
                return refused.Field switch
                {
                    "owner.userId" => Refusal.Invalid("ownerUserId", $"The recommendation's owner cannot owe its follow-up: {refused.Message}"),
                    "dueAt" => Refusal.Invalid("dueOn", refused.Message),
                    _ => refused,
                };
            recommendation.FollowUpId = created.Value!.Id;
        }
        (recommendation.Decision, recommendation.DecisionReason, recommendation.DecidedByUserId, recommendation.DecidedAt, recommendation.DueOn) =
            (decision, reason, userId, Now, due);
        audit.Record(AuditAction.RecommendationDecided, Recommendation.AuditEntity, recommendation.Id,
            $"Recommendation {recommendation.Position + 1} of \"{assessment.Title}\" {Name(decision)}" + (reason is null ? "" : $": {reason}")
            + (followed ? $"; followed up by follow-up {recommendation.FollowUpId}." : "."));
        await assessments.SavedAsync(assessment, cancellationToken);
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        return Outcome<Recommendation>.Ok(recommendation);
    }

    /// <summary>Starts the plan's next version from its latest one, for this assessment (an accepted or partly accepted recommendation needed).</summary>
    public Task<Outcome<Plan>> AdaptAsync(Assessment assessment, Guid userId, CancellationToken cancellationToken) =>
        AdaptAsync(assessment, null, userId, cancellationToken);

    /// <summary>As above, the new version with <paramref name="next"/>'s title and dates where given (the latest version's otherwise).</summary>
    public async Task<Outcome<Plan>> AdaptAsync(Assessment assessment, PlanInput? next, Guid userId, CancellationToken cancellationToken)
    {
        if (!await db.Set<Recommendation>().AnyAsync(r => r.AssessmentId == assessment.Id
                && (r.Decision == RecommendationDecision.Accepted || r.Decision == RecommendationDecision.PartlyAccepted), cancellationToken))
            return Refusal.Conflict("No recommendation of this assessment is accepted yet: decide them first, then adapt the plan.");
        var latest = await db.Set<Plan>().AsNoTracking().Where(p => p.MissionId == assessment.MissionId).OrderByDescending(p => p.Number)
            .FirstAsync(cancellationToken);
        var outer = db.Database.CurrentTransaction;
        await using var transaction = outer is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var started = await plans.NextAsync(latest, new NextPlanInput(next?.Title, next?.StartsOn, next?.EndsOn, assessment.Id), userId, cancellationToken);
        if (started.Refusal is { } refused)
            return refused;
        audit.Record(AuditAction.PlanAdapted, Assessment.AuditEntity, assessment.Id,
            $"Plan version {started.Value!.Number} started from version {latest.Number} to adapt the plan to \"{assessment.Title}\".");
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        return started;
    }

    private async Task<Refusal?> OwnerRefusalAsync(Guid missionId, Guid owner, CancellationToken cancellationToken)
    {
        var person = (await people.FindAsync([owner], cancellationToken)).GetValueOrDefault(owner);
        if (person is null)
            return Refusal.Invalid("ownerUserId", $"There is no user {owner}.");
        if (!person.Active)
            return Refusal.Invalid("ownerUserId", "That user's account is locked: give someone who can act on the recommendation.");
        if (!(await people.AssignmentsAsync(owner, cancellationToken)).Any(a => a.MissionId is null || a.MissionId == missionId))
            return Refusal.Invalid("ownerUserId", "That user holds no role in the mission: give someone of the mission.");
        return null;
    }

    /// <summary>The last minute of <paramref name="day"/> in the mission's time zone, in UTC.</summary>
    public static DateTime EndOf(DateOnly day, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(23, 59)), zone);
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..(max - 1)] + "…" : text;

    public static string Name(RecommendationDecision decision) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(decision.ToString());

    private DateTime Now => AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
}
