using Amani.Platform.Records;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;

namespace Amani.Analysis.Alerts;

/// <summary>
/// Alert rules of a mission (readers of alerts list them; analysts and administrators manage them), a rule's
/// evaluation on demand, and the mission's deadlines per severity. Changes need the rule's ETag in If-Match.
/// </summary>
public static class AlertRulesApi
{
    public static RouteGroupBuilder MapAlertRulesApi(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/missions/{code}/alert-rules").WithTags("Alerts");
        rules.MapGet("/", List).WithName("ListAlertRules").RequirePermission(Permission.AlertsRead);
        rules.MapPost("/", Create).WithName("CreateAlertRule").RequirePermission(Permission.AlertsManage);
        rules.MapGet("/{id:guid}", Get).WithName("GetAlertRule").RequirePermission(Permission.AlertsRead);
        rules.MapPut("/{id:guid}", Update).WithName("UpdateAlertRule").RequirePermission(Permission.AlertsManage);
        rules.MapDelete("/{id:guid}", Delete).WithName("DeleteAlertRule").RequirePermission(Permission.AlertsManage);
        rules.MapPost("/{id:guid}/evaluation", Evaluate).WithName("EvaluateAlertRule").RequirePermission(Permission.AlertsManage);
        var deadlines = api.MapGroup("/missions/{code}/alert-deadlines").WithTags("Alerts");
        deadlines.MapGet("/", GetDeadlines).WithName("GetAlertDeadlines").RequirePermission(Permission.AlertsRead);
        deadlines.MapPut("/", PutDeadlines).WithName("SetAlertDeadlines").RequirePermission(Permission.AlertsManage);
        return api;
    }

    private static async Task<Results<Ok<List<AlertRuleResponse>>, ProblemHttpResult>> List(string code, AmaniDbContext db, AccessContext access,
        CancellationToken cancellationToken)
    {
        if (await MissionAsync(db, access, code, Permission.AlertsRead, cancellationToken) is not var (mission, scope))
            return Problem.NotFound($"The mission '{code}'");
        var rules = await scope.Filter(db.Set<AlertRule>().AsNoTracking()).Where(r => r.ArchivedAt == null)
            .OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(await ViewsAsync(db, mission, rules, cancellationToken));
    }

    private static async Task<Results<Created<AlertRuleResponse>, ProblemHttpResult, ValidationProblem>> Create(string code, AlertRuleInput input,
        AmaniDbContext db, AccessContext access, AlertRuleEditor editor, HttpContext http, CancellationToken cancellationToken)
    {
        if (await MissionAsync(db, access, code, Permission.AlertsManage, cancellationToken) is not var (mission, scope))
            return Problem.NotFound($"The mission '{code}'");
        var result = await editor.CreateAsync(mission, scope, input, access.UserId!.Value, cancellationToken);
        if (!result.Succeeded)
            return Problem.Invalid(result.Field!, result.Error!);
        http.Response.Headers.ETag = Versioning.ETag(result.Value!.Version);
        return TypedResults.Created($"/api/v1/missions/{mission.Code}/alert-rules/{result.Value.Id}",
            (await ViewsAsync(db, mission, [result.Value], cancellationToken))[0]);
    }

    private static async Task<Results<Ok<AlertRuleResponse>, ProblemHttpResult>> Get(string code, Guid id, AmaniDbContext db, AccessContext access,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, access, code, id, Permission.AlertsRead, tracked: false, cancellationToken) is not var (mission, _, rule))
            return Problem.NotFound($"The alert rule {id}");
        http.Response.Headers.ETag = Versioning.ETag(rule.Version);
        return TypedResults.Ok((await ViewsAsync(db, mission, [rule], cancellationToken))[0]);
    }

    private static async Task<Results<Ok<AlertRuleResponse>, ProblemHttpResult, ValidationProblem>> Update(string code, Guid id, AlertRuleInput input,
        AmaniDbContext db, AccessContext access, AlertRuleEditor editor, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, access, code, id, Permission.AlertsManage, tracked: true, cancellationToken) is not var (mission, scope, rule))
            return Problem.NotFound($"The alert rule {id}");
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the rule's ETag in If-Match (GET the rule to read it).");
        var result = await editor.UpdateAsync(mission, scope, rule, expected, input, cancellationToken);
        if (result is null)
            return Problem.Of(ProblemType.PreconditionFailed, "The rule was changed since you loaded it. Reload it, then apply your change again.");
        if (!result.Succeeded)
            return Problem.Invalid(result.Field!, result.Error!);
        http.Response.Headers.ETag = Versioning.ETag(rule.Version);
        return TypedResults.Ok((await ViewsAsync(db, mission, [rule], cancellationToken))[0]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string code, Guid id, AmaniDbContext db, AccessContext access,
        AlertRuleEditor editor, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, access, code, id, Permission.AlertsManage, tracked: true, cancellationToken) is not var (_, _, rule))
            return Problem.NotFound($"The alert rule {id}");
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the rule's ETag in If-Match (GET the rule to read it).");
        if (await editor.ArchiveAsync(rule, expected, cancellationToken) is null)
            return Problem.Of(ProblemType.PreconditionFailed, "The rule was changed since you loaded it. Reload it and decide again.");
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<RuleEvaluationResponse>, ProblemHttpResult>> Evaluate(string code, Guid id, AmaniDbContext db,
        AccessContext access, RuleEvaluator evaluator, AlertRaiser raiser, TimeProvider clock, CancellationToken cancellationToken, bool? dryRun = null)
    {
        if (await FindAsync(db, access, code, id, Permission.AlertsManage, tracked: false, cancellationToken) is not var (mission, _, rule))
            return Problem.NotFound($"The alert rule {id}");
        var outcomes = await evaluator.EvaluateAsync(rule, mission, cancellationToken);
        var dry = dryRun == true || !rule.Enabled;
        var applied = dry
            ? outcomes.Select(o => new AlertRaiser.Applied(o, o.Fired ? RaiseResult.DryRun : RaiseResult.NotFired, null)).ToList()
            : await raiser.ApplyAsync(rule, mission, outcomes, cancellationToken);
        return TypedResults.Ok(new RuleEvaluationResponse(rule.Id, AuditChain.Truncate(clock.GetUtcNow().UtcDateTime), dry,
            applied.Select(a => new RuleOutcomeResponse(a.Outcome.AreaPCode, a.Outcome.AreaName, a.Outcome.Fired, a.Result, a.AlertId, a.Outcome.Explanation))
                .ToList()));
    }

    private static async Task<Results<Ok<AlertDeadlinesResponse>, ProblemHttpResult>> GetDeadlines(string code, AmaniDbContext db, AccessContext access,
        CancellationToken cancellationToken)
    {
        if (await MissionAsync(db, access, code, Permission.AlertsRead, cancellationToken) is not var (mission, _))
            return Problem.NotFound($"The mission '{code}'");
        var stored = await db.Set<MissionAlertDeadlines>().AsNoTracking().FirstOrDefaultAsync(d => d.MissionId == mission.Id, cancellationToken);
        return TypedResults.Ok(Deadlines(mission, stored ?? MissionAlertDeadlines.Defaults(mission.Id), stored is null));
    }

    private static async Task<Results<Ok<AlertDeadlinesResponse>, ProblemHttpResult>> PutDeadlines(string code, AlertDeadlinesInput input,
        AmaniDbContext db, AccessContext access, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await MissionAsync(db, access, code, Permission.AlertsManage, cancellationToken) is not var (mission, scope))
            return Problem.NotFound($"The mission '{code}'");
        if (!scope.WholeMission)
            return Problem.Forbidden("The mission's deadlines are set by those who manage alerts for the whole mission.");
        var stored = await db.Set<MissionAlertDeadlines>().FirstOrDefaultAsync(d => d.MissionId == mission.Id, cancellationToken);
        if (stored is null)
            db.Set<MissionAlertDeadlines>().Add(stored = new MissionAlertDeadlines { MissionId = mission.Id });
        (stored.MinorHours, stored.ModerateHours, stored.SevereHours, stored.ExtremeHours) =
            (input.Minor!.Value, input.Moderate!.Value, input.Severe!.Value, input.Extreme!.Value);
        stored.UpdatedAt = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        audit.Record(AuditAction.AlertDeadlinesChanged, Mission.AuditEntity, mission.Id,
            $"Alert deadlines of {mission.Code} set to: minor {stored.MinorHours} h, moderate {stored.ModerateHours} h, severe {stored.SevereHours} h, extreme {stored.ExtremeHours} h.");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Deadlines(mission, stored, false));
    }

    private static AlertDeadlinesResponse Deadlines(Mission mission, MissionAlertDeadlines d, bool defaults) =>
        new(mission.Code, d.MinorHours, d.ModerateHours, d.SevereHours, d.ExtremeHours, defaults);

    /// <summary>The mission and the caller's alert scope in it, if they hold <paramref name="permission"/> there (else null: answer 404).</summary>
    internal static async Task<(Mission Mission, AlertScope Scope)?> MissionAsync(AmaniDbContext db, AccessContext access, string code, Permission permission,
        CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, permission, cancellationToken) is not { } mission)
            return null;
        return await AlertScope.ForAsync(db, access, mission.Id, permission, cancellationToken) is { } scope ? (mission, scope) : null;
    }

    /// <summary>The rule if it exists in the mission, is not deleted, and the caller's scope covers it for <paramref name="permission"/>.</summary>
    private static async Task<(Mission, AlertScope, AlertRule)?> FindAsync(AmaniDbContext db, AccessContext access, string code, Guid id,
        Permission permission, bool tracked, CancellationToken cancellationToken)
    {
        if (await MissionAsync(db, access, code, permission, cancellationToken) is not var (mission, scope))
            return null;
        var query = db.Set<AlertRule>().Where(r => r.Id == id && r.MissionId == mission.Id && r.ArchivedAt == null);
        var rule = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        var covered = rule is not null && (permission == Permission.AlertsManage ? scope.Manages(rule.AreaId) : scope.Concerns(rule.AreaId));
        return covered ? (mission, scope, rule!) : null;
    }

    private static async Task<List<AlertRuleResponse>> ViewsAsync(AmaniDbContext db, Mission mission, IReadOnlyList<AlertRule> rules,
        CancellationToken cancellationToken)
    {
        var ruleIds = rules.Select(r => r.Id).ToList();
        var areaIds = rules.Where(r => r.AreaId != null).Select(r => r.AreaId!.Value).Distinct().ToList();
        var areas = await db.AdminAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => (a.PCode, a.Name), cancellationToken);
        var active = await db.Set<Alert>().AsNoTracking().Where(a => ruleIds.Contains(a.RuleId) && a.OpenKey != null)
            .GroupBy(a => a.RuleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var deadlines = await AlertDeadlineCalculator.ForMissionAsync(db, mission.Id, cancellationToken);
        return rules.Select(r =>
        {
            var area = r.AreaId is { } areaId ? areas[areaId] : ((string PCode, string Name)?)null;
            return new AlertRuleResponse(r.Id, mission.Code, r.Name, r.Kind, r.Severity, area?.PCode, area?.Name, r.AreaLevel, r.CategoryList, r.IsPublic,
                r.Enabled, r.Threshold, r.WindowDays, r.Factor, r.MinimumCount, r.BaselineWindows, r.ForecastOutcome, r.Probability, r.DefaultOwnerUserId,
                r.OwnerRole, r.DeadlineHours, (int)AlertDeadlineCalculator.Allowed(r, r.Severity, deadlines).TotalHours, r.CreatedAt, r.UpdatedAt,
                r.Version, r.LastEvaluatedAt, r.LastEvaluation, active.GetValueOrDefault(r.Id));
        }).ToList();
    }
}
