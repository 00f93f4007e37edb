using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Foundation.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Amani.Register.Reporting;

namespace Amani.Analysis.Alerts;

/// <summary>
/// Evaluates one rule against the data as it is now (reads only): counts incidents, deaths or community reports in the
/// rule's window(s) — or reads the latest forecast — for the rule's area, or for each area of its level, and compares
/// them with the rule's figures. Incidents that were rejected or merged as duplicates never count; a public rule counts
/// only public incidents, so that its alert discloses nothing the public incident list does not show.
/// </summary>
public sealed class RuleEvaluator(AmaniDbContext db, IForecastProbabilities forecasts, TimeProvider clock)
{
    private sealed record Target(AreaTree.Node? Area, string Where);

    private sealed record Row(Guid Id, Guid? AreaId, DateTime At, int Fatalities);

    public async Task<IReadOnlyList<RuleOutcome>> EvaluateAsync(AlertRule rule, Mission mission, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tree = await AreaTree.LoadAsync(db, mission.Id, cancellationToken);
        var targets = Targets(rule, mission, tree);
        if (rule.Kind == AlertRuleKind.Forecast)
            return await ForecastAsync(rule, mission, targets, now, cancellationToken);

        var window = TimeSpan.FromDays(rule.WindowDays!.Value);
        var windows = rule.Kind switch
        {
            AlertRuleKind.Trend => 2,
            AlertRuleKind.ReportSurge => 1 + rule.BaselineWindows!.Value,
            _ => 1,
        };
        var start = now - window * windows;
        var rows = rule.Kind == AlertRuleKind.ReportSurge
            ? await ReportsAsync(rule, mission, tree, start, now, cancellationToken)
            : await IncidentsAsync(rule, mission, tree, start, now, cancellationToken);
        if (rule.AreaLevel is null)
            return [Measure(rule, targets[0], rows, now, window)]; // the query already kept only the scope's rows
        // Each area belongs to at most one target (its ancestor at the rule's level): one pass over the rows.
        var targetOf = targets.SelectMany(t => tree.Subtree(t.Area!).Select(a => (a.Id, Target: t))).ToDictionary(x => x.Id, x => x.Target);
        var byTarget = rows.Where(r => r.AreaId is { } area && targetOf.ContainsKey(area)).ToLookup(r => targetOf[r.AreaId!.Value]);
        return targets.Select(target => Measure(rule, target, byTarget[target].ToList(), now, window)).ToList();
    }

    /// <summary>The areas evaluated separately: the scope itself, or each area of the rule's level inside it.</summary>
    private static List<Target> Targets(AlertRule rule, Mission mission, AreaTree tree)
    {
        var scope = tree.Find(rule.AreaId);
        if (rule.AreaLevel is not { } level)
            return [new Target(scope, AlertText.Where(scope?.Name, mission.Code))];
        var candidates = scope is null ? tree.All : tree.Subtree(scope);
        return candidates.Where(a => a.Level == level).OrderBy(a => a.PCode, StringComparer.Ordinal)
            .Select(a => new Target(a, AlertText.Where(a.Name, mission.Code))).ToList();
    }

    private async Task<List<Row>> IncidentsAsync(AlertRule rule, Mission mission, AreaTree tree, DateTime start, DateTime now,
        CancellationToken cancellationToken)
    {
        var query = rule.IsPublic
            ? PublicIncidentsApi.Published(db, mission.Id)
            : db.Incidents.AsNoTracking().Where(i => i.MissionId == mission.Id && i.Status != IncidentStatus.Rejected && i.Status != IncidentStatus.Duplicate);
        query = query.Where(i => i.OccurredFrom > start && i.OccurredFrom <= now);
        if (rule.CategoryList.Count > 0)
        {
            // A type includes its sub-types: expand to the codes of the taxonomy, so the database gets a plain IN list.
            var codes = Categories.All.Select(c => c.Code)
                .Where(code => rule.CategoryList.Any(c => code == c || code.StartsWith(c + ".", StringComparison.Ordinal))).ToList();
            query = query.Where(i => codes.Contains(i.CategoryCode));
        }
        if (tree.Find(rule.AreaId) is { } scope)
        {
            var inside = tree.Subtree(scope).Select(a => a.Id).ToList();
            query = query.Where(i => i.AreaId != null && inside.Contains(i.AreaId.Value));
        }
        return await query.OrderByDescending(i => i.OccurredFrom).ThenByDescending(i => i.Id)
            .Select(i => new Row(i.Id, i.AreaId, i.OccurredFrom, i.FatalitiesBest ?? 0)).ToListAsync(cancellationToken);
    }

    private async Task<List<Row>> ReportsAsync(AlertRule rule, Mission mission, AreaTree tree, DateTime start, DateTime now, CancellationToken cancellationToken)
    {
        var query = db.CommunityReports.AsNoTracking().Where(r => r.MissionId == mission.Id && r.ReceivedAt > start && r.ReceivedAt <= now);
        if (tree.Find(rule.AreaId) is { } scope)
        {
            var inside = tree.Subtree(scope).Select(a => a.Id).ToList();
            query = query.Where(r => r.AreaId != null && inside.Contains(r.AreaId.Value));
        }
        return await query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id)
            .Select(r => new Row(r.Id, r.AreaId, r.ReceivedAt, 0)).ToListAsync(cancellationToken);
    }

    /// <param name="mine">The target's rows, newest first, over every window the rule compares.</param>
    private static RuleOutcome Measure(AlertRule rule, Target target, List<Row> mine, DateTime now, TimeSpan window)
    {
        var current = mine.Where(r => r.At > now - window).ToList();
        var count = current.Count;
        var ids = current.Take(AlertLimits.EvidenceIds).Select(r => r.Id).ToList();
        var start = now - window;
        AlertEvidence evidence;
        bool fired;
        switch (rule.Kind)
        {
            case AlertRuleKind.IncidentCount:
                evidence = Evidence(rule, now, start, count, rule.Threshold!.Value, count, ids);
                fired = count >= rule.Threshold;
                break;
            case AlertRuleKind.Fatalities:
                var deadly = current.Where(r => r.Fatalities > 0).ToList();
                var deaths = current.Sum(r => (long)r.Fatalities);
                evidence = Evidence(rule, now, start, deaths, rule.Threshold!.Value, deadly.Count, deadly.Take(AlertLimits.EvidenceIds).Select(r => r.Id).ToList());
                fired = deaths >= rule.Threshold;
                break;
            case AlertRuleKind.Trend:
                var previous = mine.Count(r => r.At <= now - window);
                evidence = Evidence(rule, now, start, count, rule.MinimumCount!.Value, count, ids) with { Previous = previous, Factor = rule.Factor };
                fired = count >= rule.MinimumCount && count >= rule.Factor!.Value * previous;
                break;
            default: // report surge
                var baseline = (double)mine.Count(r => r.At <= now - window) / rule.BaselineWindows!.Value;
                evidence = Evidence(rule, now, start, count, rule.MinimumCount!.Value, 0, []) with
                {
                    Baseline = Math.Round(baseline, 3), Factor = rule.Factor, ReportCount = count, ReportIds = ids,
                };
                fired = count >= rule.MinimumCount && count >= rule.Factor!.Value * baseline;
                break;
        }
        return new RuleOutcome(target.Area?.Id, target.Area?.PCode, target.Area?.Name, fired, evidence,
            AlertText.Headline(rule, target.Where, evidence), AlertText.Explanation(rule, target.Where, evidence));
    }

    private static AlertEvidence Evidence(AlertRule rule, DateTime now, DateTime start, double observed, double threshold, int incidents, List<Guid> ids) =>
        new(rule.Kind, now, start, rule.WindowDays, observed, threshold, null, null, null, incidents, ids, 0, [], null);

    private async Task<IReadOnlyList<RuleOutcome>> ForecastAsync(AlertRule rule, Mission mission, List<Target> targets, DateTime now,
        CancellationToken cancellationToken)
    {
        var monthId = AlertText.NextMonthId(now);
        var month = AlertText.MonthName(monthId);
        var outcomes = new List<RuleOutcome>();
        foreach (var target in targets)
        {
            var latest = await forecasts.LatestAsync(mission.Id, target.Area?.Id, monthId, rule.ForecastOutcome!.Value, cancellationToken);
            if (latest is null)
            {
                var none = AlertText.NoForecast(rule, target.Where, month);
                outcomes.Add(new RuleOutcome(target.Area?.Id, target.Area?.PCode, target.Area?.Name, false, null, none, none));
                continue;
            }
            var forecast = new ForecastEvidence(rule.ForecastOutcome.Value, latest.MonthId, AlertText.MonthName(latest.MonthId), latest.Probability, latest.Model,
                latest.IssuedAt);
            var evidence = new AlertEvidence(rule.Kind, now, null, null, latest.Probability, rule.Probability!.Value, null, null, null, 0, [], 0, [], forecast);
            outcomes.Add(new RuleOutcome(target.Area?.Id, target.Area?.PCode, target.Area?.Name, latest.Probability >= rule.Probability, evidence,
                AlertText.Headline(rule, target.Where, evidence), AlertText.Explanation(rule, target.Where, evidence)));
        }
        return outcomes;
    }
}
