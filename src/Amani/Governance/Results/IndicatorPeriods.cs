using Amani.Foundation.Areas;
using Amani.Governance.Results.Plans;
using Amani.Governance.Results.Values;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results;

/// <summary>An indicator's baselines and targets, and the approval (locking) of its periods.</summary>
public sealed class IndicatorPeriods(AmaniDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxTargets = 10_000;

    /// <summary>
    /// Replaces the indicator's baselines and targets. A target's period must match the indicator's frequency and fall
    /// within the mission's current plan (the active version, else the latest draft); a baseline may precede it.
    /// </summary>
    public async Task<Outcome<Indicator>> SetTargetsAsync(Indicator indicator, int expectedVersion, IReadOnlyList<TargetInput> targets, CancellationToken cancellationToken)
    {
        if (indicator.Version != expectedVersion)
            return Refusal.Stale($"The indicator changed since you read it (version {indicator.Version}, you sent {expectedVersion}); read it again.");
        if (targets.Count > MaxTargets)
            return Refusal.Invalid("targets", $"At most {MaxTargets:N0} baselines and targets.");
        var plan = await PlanQueries.CurrentAsync(db, indicator.MissionId, cancellationToken);
        var areas = await db.Set<AdminArea>().AsNoTracking().Where(a => a.MissionId == indicator.MissionId).Select(a => new { a.PCode, a.Level })
            .ToDictionaryAsync(a => a.PCode, a => a.Level, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var rows = new List<IndicatorTarget>();
        var seen = new HashSet<(TargetKind, string, string)>();
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var field = $"targets[{i}]";
            if (target.Kind is not { } kind)
                return Refusal.Invalid($"{field}.kind", "Give the kind: baseline or target.");
            if (!Period.TryParse(target.Period, indicator.Frequency, out var period, out var problem))
                return Refusal.Invalid($"{field}.period", problem);
            if (kind == TargetKind.Target && plan is null)
                return Refusal.Invalid($"{field}.period", "The mission has no plan yet: a target falls within a plan's span; create the plan first.");
            if (kind == TargetKind.Target && (period.Value.Start < Period.Of(plan!.StartsOn, indicator.Frequency).Start || period.Value.Start > plan.EndsOn))
                return Refusal.Invalid($"{field}.period", $"{period.Value.Id} is outside the plan ({plan.StartsOn:yyyy-MM-dd} to {plan.EndsOn:yyyy-MM-dd}).");
            var area = target.Area?.Trim() ?? "";
            if (area.Length > 0 && (!areas.TryGetValue(area, out var level) || level != indicator.AreaLevel))
                return Refusal.Invalid($"{field}.area", areas.ContainsKey(area)
                    ? $"{indicator.Code} is given by admin level {indicator.AreaLevel?.ToString() ?? "(none: mission-wide)"}; '{area}' is at another level."
                    : $"'{area}' is not a P-code of this mission's areas.");
            if (target.Value is not { } value || !double.IsFinite(value))
                return Refusal.Invalid($"{field}.value", "Give the value, a number.");
            if (indicator.Type == IndicatorType.Percentage && !indicator.AllowOver100 && value is < 0 or > 100)
                return Refusal.Invalid($"{field}.value", $"{indicator.Code} is a percentage between 0 and 100.");
            var canonical = area.Length == 0 ? "" : areas.Keys.First(k => string.Equals(k, area, StringComparison.OrdinalIgnoreCase));
            if (!seen.Add((kind, period.Value.Id, canonical)))
                return Refusal.Invalid(field, $"The {kind.ToString().ToLowerInvariant()} for {period.Value.Id} {(canonical.Length == 0 ? "(mission)" : canonical)} is given twice.");
            rows.Add(new IndicatorTarget { IndicatorId = indicator.Id, Kind = kind, Period = period.Value.Id, PeriodStart = period.Value.Start, AreaCode = canonical, Value = value });
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<IndicatorTarget>().Where(t => t.IndicatorId == indicator.Id).ExecuteDeleteAsync(cancellationToken);
        db.AddRange(rows);
        indicator.Version++;
        indicator.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(AuditAction.IndicatorTargetsSet, Indicator.AuditEntity, indicator.Id,
            $"{rows.Count(r => r.Kind == TargetKind.Baseline)} baseline(s) and {rows.Count(r => r.Kind == TargetKind.Target)} target(s) of {indicator.Code} set.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<Indicator>.Ok(indicator);
    }

    /// <summary>Approves a period: its values are locked. Only the indicator's owner approves (a planning officer when it has none).</summary>
    public async Task<Outcome<Indicator>> ApproveAsync(Indicator indicator, string? periodText, Guid userId, bool manager, CancellationToken cancellationToken)
    {
        if (!(indicator.OwnerUserId == userId || (indicator.OwnerUserId is null && manager)))
            return Refusal.NotAllowed(indicator.OwnerUserId is null
                ? "Only a planning officer approves the periods of an indicator without an owner."
                : "Only the indicator's owner approves its periods.");
        if (!Period.TryParse(periodText, indicator.Frequency, out var period, out var problem))
            return Refusal.Invalid("period", problem);
        if (await db.Set<PeriodApproval>().AnyAsync(a => a.IndicatorId == indicator.Id && a.Period == period.Value.Id, cancellationToken))
            return Refusal.Conflict($"{period.Value.Id} of {indicator.Code} is approved already.");
        db.Add(new PeriodApproval { IndicatorId = indicator.Id, Period = period.Value.Id, ApprovedByUserId = userId, ApprovedAt = clock.GetUtcNow().UtcDateTime });
        audit.Record(AuditAction.IndicatorPeriodApproved, Indicator.AuditEntity, indicator.Id, $"{period.Value.Id} of {indicator.Code} approved and locked.");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Indicator>.Ok(indicator);
    }

    /// <summary>Unlocks an approved period, with a reason (audited): its owner, or a planning officer.</summary>
    public async Task<Outcome<Indicator>> UnlockAsync(Indicator indicator, string? periodText, string? reason, Guid userId, bool manager, CancellationToken cancellationToken)
    {
        if (!(indicator.OwnerUserId == userId || manager))
            return Refusal.NotAllowed("Only the indicator's owner or a planning officer unlocks an approved period.");
        if (!Period.TryParse(periodText, indicator.Frequency, out var period, out var problem))
            return Refusal.Invalid("period", problem);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > ResultsLimits.Comment)
            return Refusal.Invalid("reason", $"Say why the period is unlocked (at most {ResultsLimits.Comment} characters): the audit log keeps it.");
        var approval = await db.Set<PeriodApproval>().FirstOrDefaultAsync(a => a.IndicatorId == indicator.Id && a.Period == period.Value.Id, cancellationToken);
        if (approval is null)
            return Refusal.Conflict($"{period.Value.Id} of {indicator.Code} is not approved.");
        db.Remove(approval);
        audit.Record(AuditAction.IndicatorPeriodUnlocked, Indicator.AuditEntity, indicator.Id, $"{period.Value.Id} of {indicator.Code} unlocked: {reason.Trim()}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Indicator>.Ok(indicator);
    }
}
