using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Foundation.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Users;

namespace Amani.Analysis.Alerts;

/// <summary>
/// Creating, changing and deleting (archiving) alert rules: the rules a rule must follow — which figures its kind
/// needs and which do not apply, areas, categories, owners — each violation named by its field with the allowed values.
/// </summary>
public sealed class AlertRuleEditor(AmaniDbContext db, AuditLog audit, TimeProvider clock)
{
    private sealed record Figure(string Field, string Allowed, Func<AlertRuleInput, object?> Value);

    private static readonly Figure[] Figures =
    [
        new("threshold", "a whole number from 1 to 1000000", i => i.Threshold),
        new("windowDays", "a number of days from 1 to 365", i => i.WindowDays),
        new("factor", "a factor from 1.1 to 100 (2 means twice as many)", i => i.Factor),
        new("minimumCount", "a whole number from 1 to 1000000", i => i.MinimumCount),
        new("baselineWindows", "a number of windows from 1 to 52", i => i.BaselineWindows),
        new("forecastOutcome", "one of atLeast1Death, atLeast25Deaths, atLeast100Deaths", i => i.ForecastOutcome),
        new("probability", "a probability from 0.01 to 1 (0.3 means 30 %)", i => i.Probability),
    ];

    /// <summary>The figures each kind needs; every other figure does not apply to it.</summary>
    private static readonly Dictionary<AlertRuleKind, string[]> Needs = new()
    {
        [AlertRuleKind.IncidentCount] = ["threshold", "windowDays"],
        [AlertRuleKind.Fatalities] = ["threshold", "windowDays"],
        [AlertRuleKind.Trend] = ["windowDays", "factor", "minimumCount"],
        [AlertRuleKind.ReportSurge] = ["windowDays", "factor", "minimumCount", "baselineWindows"],
        [AlertRuleKind.Forecast] = ["forecastOutcome", "probability"],
    };

    public async Task<Result<AlertRule>> CreateAsync(Mission mission, AlertScope scope, AlertRuleInput input, Guid createdBy, CancellationToken cancellationToken)
    {
        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        var rule = new AlertRule { MissionId = mission.Id, Name = "", CreatedByUserId = createdBy, CreatedAt = now, UpdatedAt = now };
        if (await ApplyAsync(mission, scope, rule, input, cancellationToken) is { } invalid)
            return invalid;
        db.Set<AlertRule>().Add(rule);
        audit.Record(AuditAction.AlertRuleCreated, AlertRule.AuditEntity, rule.Id, $"Alert rule created in {mission.Code}: {Describe(rule)}");
        await db.SaveChangesAsync(cancellationToken);
        return Result<AlertRule>.Ok(rule);
    }

    /// <summary>Replaces the rule's fields when <paramref name="expectedVersion"/> is current; null = stale (answer 412).</summary>
    public async Task<Result<AlertRule>?> UpdateAsync(Mission mission, AlertScope scope, AlertRule rule, int expectedVersion, AlertRuleInput input,
        CancellationToken cancellationToken)
    {
        if (rule.Version != expectedVersion)
            return null;
        if (await ApplyAsync(mission, scope, rule, input, cancellationToken) is { } invalid)
            return invalid;
        Touch(rule);
        audit.Record(AuditAction.AlertRuleUpdated, AlertRule.AuditEntity, rule.Id, $"Alert rule changed (now version {rule.Version}): {Describe(rule)}");
        return await SaveAsync(rule, cancellationToken);
    }

    /// <summary>Archives the rule: it is no longer evaluated or listed; its alerts stay. Null = stale.</summary>
    public async Task<Result<AlertRule>?> ArchiveAsync(AlertRule rule, int expectedVersion, CancellationToken cancellationToken)
    {
        if (rule.Version != expectedVersion)
            return null;
        rule.ArchivedAt = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        Touch(rule);
        audit.Record(AuditAction.AlertRuleArchived, AlertRule.AuditEntity, rule.Id, $"Alert rule deleted (archived): {rule.Name}.");
        return await SaveAsync(rule, cancellationToken);
    }

    private void Touch(AlertRule rule)
    {
        rule.Version++;
        rule.UpdatedAt = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
    }

    private async Task<Result<AlertRule>?> SaveAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result<AlertRule>.Ok(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.DiscardChanges();
            return null;
        }
    }

    /// <summary>Checks the rules and copies <paramref name="input"/> onto <paramref name="rule"/>; returns the first violation.</summary>
    private async Task<Result<AlertRule>?> ApplyAsync(Mission mission, AlertScope scope, AlertRule rule, AlertRuleInput input,
        CancellationToken cancellationToken)
    {
        var kind = input.Kind!.Value;
        var kindName = JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
        foreach (var figure in Figures)
        {
            var needed = Needs[kind].Contains(figure.Field);
            if (needed && figure.Value(input) is null)
                return Result<AlertRule>.Invalid(figure.Field, $"Rules of kind {kindName} need {figure.Field}: {figure.Allowed}.");
            if (!needed && figure.Value(input) is not null)
                return Result<AlertRule>.Invalid(figure.Field, $"{figure.Field} does not apply to rules of kind {kindName}; leave it out.");
        }

        var categories = (input.Categories ?? []).Select(c => c?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (categories.Count > 0 && kind is AlertRuleKind.Forecast or AlertRuleKind.ReportSurge)
            return Result<AlertRule>.Invalid("categories", $"Rules of kind {kindName} have no categories ({(kind == AlertRuleKind.Forecast ? "forecasts" : "community reports")} are not categorised); leave them out.");
        if (categories.FirstOrDefault(c => Categories.Find(c) is null) is { } unknown)
            return Result<AlertRule>.Invalid("categories", $"'{unknown}' is not a category. See GET /api/v1/categories.");
        if (input.Public == true && kind == AlertRuleKind.ReportSurge)
            return Result<AlertRule>.Invalid("public", "Community reports are never public, so rules of kind reportSurge cannot be public.");

        var tree = await AreaTree.LoadAsync(db, mission.Id, cancellationToken);
        AreaTree.Node? area = null;
        if (!string.IsNullOrWhiteSpace(input.AreaPCode))
        {
            area = tree.All.FirstOrDefault(a => a.PCode == input.AreaPCode.Trim());
            if (area is null)
                return Result<AlertRule>.Invalid("areaPCode", $"There is no area {input.AreaPCode} in {mission.Code}.");
        }
        if (!scope.Manages(area?.Id))
            return Result<AlertRule>.Invalid("areaPCode", "Your role covers only part of the mission: give an area inside it.");
        if (input.AreaLevel is { } level)
        {
            if (area is not null && level < area.Level)
                return Result<AlertRule>.Invalid("areaLevel", $"Give a level from {area.Level} to {Foundation.Areas.AreaLimits.MaxLevel}: {area.PCode} is at level {area.Level}.");
            if (!(area is null ? tree.All : tree.Subtree(area)).Any(a => a.Level == level))
                return Result<AlertRule>.Invalid("areaLevel", $"There is no area of level {level} in {area?.PCode ?? mission.Code}.");
        }

        var ownerRole = input.OwnerRole ?? Role.DutyOfficer;
        if (!RolePermissions.Grants(ownerRole, Permission.AlertsRespond))
            return Result<AlertRule>.Invalid("ownerRole", $"Give a role that responds to alerts: {string.Join(", ", ResponderRoles())}.");
        if (input.DefaultOwnerUserId is { } owner && !await CanRespondAsync(owner, mission.Id, cancellationToken))
            return Result<AlertRule>.Invalid("defaultOwnerUserId", $"The user {owner} holds no role in {mission.Code} that responds to alerts.");

        rule.Name = input.Name.Trim();
        rule.Kind = kind;
        rule.Severity = input.Severity!.Value;
        rule.AreaId = area?.Id;
        rule.AreaLevel = input.AreaLevel;
        rule.Categories = categories.Count == 0 ? null : string.Join(",", categories);
        rule.IsPublic = input.Public ?? false;
        rule.Enabled = input.Enabled ?? true;
        (rule.Threshold, rule.WindowDays, rule.Factor, rule.MinimumCount, rule.BaselineWindows) =
            (input.Threshold, input.WindowDays, input.Factor, input.MinimumCount, input.BaselineWindows);
        (rule.ForecastOutcome, rule.Probability) = (input.ForecastOutcome, input.Probability);
        rule.DefaultOwnerUserId = input.DefaultOwnerUserId;
        rule.OwnerRole = ownerRole;
        rule.DeadlineHours = input.DeadlineHours;
        return null;
    }

    /// <summary>True when <paramref name="userId"/> holds a role that responds to alerts in the mission (or in every mission).</summary>
    public async Task<bool> CanRespondAsync(Guid userId, Guid missionId, CancellationToken cancellationToken)
    {
        var roles = await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == userId && (a.MissionId == null || a.MissionId == missionId))
            .Select(a => a.Role).ToListAsync(cancellationToken);
        return roles.Any(r => RolePermissions.Grants(r, Permission.AlertsRespond));
    }

    private static IEnumerable<string> ResponderRoles() => RolePermissions.Holding(Permission.AlertsRespond).Select(r => r.JsonName);

    private static string Describe(AlertRule rule) =>
        $"'{rule.Name}', {rule.Kind}, {rule.Severity}{(rule.IsPublic ? ", public" : "")}{(rule.Enabled ? "" : ", disabled")}.";
}
