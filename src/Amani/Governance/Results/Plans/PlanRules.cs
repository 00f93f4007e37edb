using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Plans;

/// <summary>
/// A mission's plan versions: the first one, each next one (a copy of the one before, its nodes keeping their keys), the
/// edits of a draft's tree (logged in its change log, with the recommendation that caused them), and activation. Only a
/// draft changes; every change takes the plan's version in If-Match.
/// </summary>
public sealed class PlanRules(AmaniDbContext db, AuditLog audit, TimeProvider clock, AuditActor actor)
{
    public async Task<Outcome<Plan>> CreateAsync(Guid missionId, PlanInput input, Guid userId, CancellationToken cancellationToken)
    {
        if (Check(input.Title, input.StartsOn, input.EndsOn) is { } refused)
            return refused;
        if (await db.Set<Plan>().AnyAsync(p => p.MissionId == missionId, cancellationToken))
            return Refusal.Conflict("The mission has a plan already: start its next version from the latest one (POST …/plans/{id}/next).");
        var plan = new Plan { MissionId = missionId, Number = 1, Title = input.Title!.Trim(), StartsOn = input.StartsOn!.Value, EndsOn = input.EndsOn!.Value,
            Status = PlanStatus.Draft, CreatedByUserId = userId, CreatedAt = Now };
        db.Add(plan);
        Log(plan, PlanChangeKind.Created, null, $"Version 1 written: {plan.Title}.", null);
        audit.Record(AuditAction.PlanCreated, Plan.AuditEntity, plan.Id, $"Plan version 1 created: {plan.Title}.");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Plan>.Ok(plan);
    }

    /// <summary>Starts the next version from <paramref name="previous"/> (the latest): a draft copy of its tree.</summary>
    public async Task<Outcome<Plan>> NextAsync(Plan previous, NextPlanInput input, Guid userId, CancellationToken cancellationToken)
    {
        var latest = await db.Set<Plan>().Where(p => p.MissionId == previous.MissionId).MaxAsync(p => p.Number, cancellationToken);
        if (latest != previous.Number)
            return Refusal.Conflict($"Version {latest} is the latest: start the next version from it.");
        if (previous.Status == PlanStatus.Draft)
            return Refusal.Conflict($"Version {previous.Number} is still a draft: edit it, or activate it before starting the next one.");
        var (title, starts, ends) = (input.Title ?? previous.Title, input.StartsOn ?? previous.StartsOn, input.EndsOn ?? previous.EndsOn);
        if (Check(title, starts, ends) is { } refused)
            return refused;
        var plan = new Plan { MissionId = previous.MissionId, Number = previous.Number + 1, Title = title.Trim(), StartsOn = starts, EndsOn = ends,
            Status = PlanStatus.Draft, PreviousPlanId = previous.Id, AssessmentId = input.AssessmentId, CreatedByUserId = userId, CreatedAt = Now };
        db.Add(plan);
        var nodes = await db.Set<PlanNode>().AsNoTracking().Where(n => n.PlanId == previous.Id).ToListAsync(cancellationToken);
        var ids = nodes.ToDictionary(n => n.Id, _ => Guid.CreateVersion7());
        foreach (var node in nodes)
            db.Add(new PlanNode { Id = ids[node.Id], PlanId = plan.Id, Key = node.Key, ParentId = node.ParentId is { } parent ? ids[parent] : null,
                Level = node.Level, Code = node.Code, Name = node.Name, Description = node.Description, Position = node.Position, IndicatorId = node.IndicatorId });
        Log(plan, PlanChangeKind.Created, null, $"Version {plan.Number} started from version {previous.Number}" +
            (input.AssessmentId is null ? "." : " to adapt the plan to an assessment."), null);
        audit.Record(AuditAction.PlanCreated, Plan.AuditEntity, plan.Id, $"Plan version {plan.Number} started from version {previous.Number}.");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Plan>.Ok(plan);
    }

    public async Task<Outcome<PlanNode>> AddNodeAsync(Plan plan, int expectedVersion, NodeInput input, CancellationToken cancellationToken)
    {
        if (Editable(plan, expectedVersion) is { } refused)
            return refused;
        var nodes = await db.Set<PlanNode>().Where(n => n.PlanId == plan.Id).ToListAsync(cancellationToken);
        var node = new PlanNode { PlanId = plan.Id, Code = "", Name = "" };
        if (await ApplyAsync(plan, node, nodes, input, adding: true, cancellationToken) is { } invalid)
            return invalid;
        db.Add(node);
        Log(plan, PlanChangeKind.Added, node.Key, $"{node.Level} {node.Code} added: {node.Name}.", input.RecommendationId);
        return await SavedAsync(plan, node, $"{node.Level} {node.Code} added to plan version {plan.Number}.", cancellationToken);
    }

    public async Task<Outcome<PlanNode>> UpdateNodeAsync(Plan plan, int expectedVersion, Guid nodeId, NodeInput input, CancellationToken cancellationToken)
    {
        if (Editable(plan, expectedVersion) is { } refused)
            return refused;
        var nodes = await db.Set<PlanNode>().Where(n => n.PlanId == plan.Id).ToListAsync(cancellationToken);
        if (nodes.FirstOrDefault(n => n.Id == nodeId) is not { } node)
            return Refusal.NotFound($"The plan has no node {nodeId}.");
        var before = (node.ParentId, node.Code, node.Name, node.Description, node.Position);
        if (await ApplyAsync(plan, node, nodes, input with { Level = node.Level, IndicatorId = node.IndicatorId }, adding: false, cancellationToken) is { } invalid)
            return invalid;
        if (before.ParentId != node.ParentId)
            Log(plan, PlanChangeKind.Moved, node.Key, $"{node.Level} {node.Code} moved under {nodes.FirstOrDefault(n => n.Id == node.ParentId)?.Code ?? "the plan's root"}.", input.RecommendationId);
        if ((before.Code, before.Name, before.Description, before.Position) != (node.Code, node.Name, node.Description, node.Position))
            Log(plan, PlanChangeKind.Changed, node.Key, before.Name != node.Name || before.Code != node.Code
                ? $"{node.Level} {before.Code} \"{before.Name}\" is now {node.Code} \"{node.Name}\"." : $"{node.Level} {node.Code} changed.", input.RecommendationId);
        return await SavedAsync(plan, node, $"{node.Level} {node.Code} of plan version {plan.Number} changed.", cancellationToken);
    }

    public async Task<Outcome<PlanNode>> RemoveNodeAsync(Plan plan, int expectedVersion, Guid nodeId, Guid? recommendationId, CancellationToken cancellationToken)
    {
        if (Editable(plan, expectedVersion) is { } refused)
            return refused;
        if (await db.Set<PlanNode>().FirstOrDefaultAsync(n => n.PlanId == plan.Id && n.Id == nodeId, cancellationToken) is not { } node)
            return Refusal.NotFound($"The plan has no node {nodeId}.");
        if (await db.Set<PlanNode>().AnyAsync(n => n.ParentId == nodeId, cancellationToken))
            return Refusal.Conflict($"{node.Code} has nodes below it: move or remove them first.");
        db.Remove(node);
        Log(plan, PlanChangeKind.Removed, node.Key, $"{node.Level} {node.Code} removed: {node.Name}.", recommendationId);
        return await SavedAsync(plan, node, $"{node.Level} {node.Code} removed from plan version {plan.Number}.", cancellationToken);
    }

    /// <summary>Activates a draft: it becomes the mission's plan, and the version it replaces is superseded.</summary>
    public async Task<Outcome<Plan>> ActivateAsync(Plan plan, int expectedVersion, CancellationToken cancellationToken)
    {
        if (Editable(plan, expectedVersion) is { } refused)
            return refused;
        var now = Now;
        foreach (var active in await db.Set<Plan>().Where(p => p.MissionId == plan.MissionId && p.Status == PlanStatus.Active).ToListAsync(cancellationToken))
        {
            active.Status = PlanStatus.Superseded;
            active.Version++;
        }
        (plan.Status, plan.ActivatedAt) = (PlanStatus.Active, now);
        plan.Version++;
        Log(plan, PlanChangeKind.Activated, null, $"Version {plan.Number} activated.", null);
        audit.Record(AuditAction.PlanActivated, Plan.AuditEntity, plan.Id, $"Plan version {plan.Number} activated.");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Plan>.Ok(plan);
    }

    private async Task<Outcome<PlanNode>> SavedAsync(Plan plan, PlanNode node, string summary, CancellationToken cancellationToken)
    {
        plan.Version++;
        audit.Record(AuditAction.PlanChanged, Plan.AuditEntity, plan.Id, summary);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<PlanNode>.Ok(node);
    }

    private static Refusal? Editable(Plan plan, int expectedVersion) =>
        plan.Version != expectedVersion ? Refusal.Stale($"The plan changed since you read it (version {plan.Version}, you sent {expectedVersion}); read it again.")
        : plan.Status != PlanStatus.Draft ? Refusal.Conflict($"Version {plan.Number} is {plan.Status.ToString().ToLowerInvariant()}: only a draft changes. Start the next version to change the plan.")
        : null;

    /// <summary>Checks a node's input against the tree (level order, no cycle, one place per indicator) and applies it.</summary>
    private async Task<Refusal?> ApplyAsync(Plan plan, PlanNode node, List<PlanNode> nodes, NodeInput input, bool adding, CancellationToken cancellationToken)
    {
        if (input.Level is not { } level)
            return Refusal.Invalid("level", "Give the level: priority, objective, outcome, output or indicator.");
        PlanNode? parent = null;
        if (input.ParentId is { } parentId && (parent = nodes.FirstOrDefault(n => n.Id == parentId)) is null)
            return Refusal.Invalid("parentId", $"The plan has no node {parentId}.");
        if (parent is not null && parent.Level >= level)
            return Refusal.Invalid("parentId", $"A {level.ToString().ToLowerInvariant()} cannot sit under a {parent.Level.ToString().ToLowerInvariant()}: the tree goes priority → objective → outcome → output → indicator.");
        if (parent is null && level == PlanLevel.Indicator)
            return Refusal.Invalid("parentId", "An indicator sits under the objective, outcome or output it measures.");
        for (var above = parent; above is not null; above = nodes.FirstOrDefault(n => n.Id == above.ParentId))
            if (above.Id == node.Id)
                return Refusal.Invalid("parentId", $"{node.Code} cannot move under itself or under a node below it: the tree would have a cycle.");
        Indicator? indicator = null;
        if (level == PlanLevel.Indicator)
        {
            if (input.IndicatorId is not { } indicatorId || (indicator = await db.Set<Indicator>().AsNoTracking()
                    .FirstOrDefaultAsync(i => i.Id == indicatorId && i.MissionId == plan.MissionId, cancellationToken)) is null)
                return Refusal.Invalid("indicatorId", "An indicator node names one of the mission's indicators (indicatorId).");
            if (adding && nodes.Any(n => n.IndicatorId == indicator.Id))
                return Refusal.Invalid("indicatorId", $"{indicator.Code} is in this plan already.");
        }
        else if (input.IndicatorId is not null)
            return Refusal.Invalid("indicatorId", "Only an indicator node names an indicator.");
        var code = indicator?.Code ?? input.Code?.Trim() ?? "";
        if (code.Length is 0 or > ResultsLimits.Code)
            return Refusal.Invalid("code", $"Give the node's code (\"O1.2\"), at most {ResultsLimits.Code} characters.");
        if (nodes.Any(n => n.Id != node.Id && n.Code == code))
            return Refusal.Invalid("code", $"The plan has a node {code} already.");
        var name = indicator?.Name ?? input.Name?.Trim() ?? "";
        if (name.Length is 0 or > ResultsLimits.Name)
            return Refusal.Invalid("name", $"Give the node's name, at most {ResultsLimits.Name} characters.");
        if (input.Description is { Length: > ResultsLimits.Text })
            return Refusal.Invalid("description", $"The description takes at most {ResultsLimits.Text} characters.");
        if (input.RecommendationId is { } recommendation && !await db.Set<Assessments.Recommendation>().AnyAsync(r => r.Id == recommendation
                && db.Set<Assessments.Assessment>().Any(a => a.Id == r.AssessmentId && a.MissionId == plan.MissionId), cancellationToken))
            return Refusal.Invalid("recommendationId", $"The mission has no recommendation {recommendation}.");
        (node.ParentId, node.Level, node.Code, node.Name, node.IndicatorId) = (parent?.Id, level, code, name, indicator?.Id ?? node.IndicatorId);
        node.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        node.Position = input.Position ?? (adding ? nodes.Count(n => n.ParentId == parent?.Id) : node.Position);
        return null;
    }

    private static Refusal? Check(string? title, DateOnly? starts, DateOnly? ends) =>
        string.IsNullOrWhiteSpace(title) || title.Length > ResultsLimits.Name ? Refusal.Invalid("title", $"Give the plan's title, at most {ResultsLimits.Name} characters.")
        : starts is null ? Refusal.Invalid("startsOn", "Give the first day the plan covers (YYYY-MM-DD).")
        : ends is null ? Refusal.Invalid("endsOn", "Give the last day the plan covers (YYYY-MM-DD).")
        : ends <= starts ? Refusal.Invalid("endsOn", "The plan ends after it starts.")
        : ends.Value.Year - starts.Value.Year > 20 ? Refusal.Invalid("endsOn", "A plan covers at most 20 years.")
        : null;

    private void Log(Plan plan, PlanChangeKind kind, Guid? nodeKey, string text, Guid? recommendationId) =>
        db.Add(new PlanChange { PlanId = plan.Id, Kind = kind, NodeKey = nodeKey, Text = text, RecommendationId = recommendationId,
            Actor = actor.Actor, ActorUserId = HistoryEntry<PlanStatus>.UserOf(actor), At = Now });

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
