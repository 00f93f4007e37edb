using Amani.Foundation.Demo;
using Amani.Governance.Results.Computation;
using Amani.Governance.Results.Plans;
using Amani.Governance.Results.Values;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Demo;

/// <summary>
/// The Results module's share of the demo: a MINUSCA results plan (<see cref="ResultsDemoPlan"/>), version 1 active for
/// 2021–2022, its indicators owned by the demo users, the entered ones with invented values for 2021–2022 (each saying
/// so), and the computed ones computed once from the real GED events, with baselines taken from their real 2020 values
/// (and one from the demo's perception survey, measure <c>surveys.feel-safe-at-night</c>, with its 2021 round as baseline:
/// the Surveys demo runs first, see <see cref="IDemoContribution.Order"/>);
/// then its review and the next version it started (<see cref="ResultsDemoAssessment"/>).
/// Everything goes through the module's rules, so it is validated and audited like an officer's work.
/// </summary>
internal sealed class ResultsDemo(AmaniDbContext db, IndicatorRules indicators, IndicatorPeriods periods, PlanRules plans, ValueRules values,
    IndicatorComputer computer, ResultsDemoAssessment assessment) : IDemoContribution
{
    public async Task<string> SeedAsync(DemoMission demo, CancellationToken cancellationToken)
    {
        var planner = demo.Users[Role.PlanningOfficer];
        var created = new Dictionary<string, (DemoIndicator Demo, Indicator Indicator)>(StringComparer.Ordinal);
        foreach (var item in ResultsDemoPlan.Indicators)
            created[item.Code] = (item, Ok(await indicators.CreateAsync(demo.MissionId, InputOf(item, demo), cancellationToken), item.Code));

        var plan = Ok(await plans.CreateAsync(demo.MissionId, new PlanInput(ResultsDemoPlan.Title, ResultsDemoPlan.StartsOn, ResultsDemoPlan.EndsOn),
            planner, cancellationToken), "the plan");
        var nodeIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var node in ResultsDemoPlan.Nodes)
            nodeIds[node.Code] = Ok(await plans.AddNodeAsync(plan, plan.Version, new NodeInput(node.Parent is null ? null : nodeIds[node.Parent], node.Level,
                node.Code, node.Name, node.Description, null, null, null), cancellationToken), node.Code).Id;
        foreach (var (item, indicator) in created.Values)
            Ok(await plans.AddNodeAsync(plan, plan.Version, new NodeInput(nodeIds[item.Parent], PlanLevel.Indicator, null, null, null, null, indicator.Id, null),
                cancellationToken), item.Code);
        Ok(await plans.ActivateAsync(plan, plan.Version, cancellationToken), "the plan's activation");

        foreach (var byOwner in created.Values.Where(c => c.Demo.Measure is null).GroupBy(c => c.Demo.Owner))
        {
            var lines = byOwner.SelectMany(c => LinesOf(c.Demo)).ToList();
            var result = await values.EnterAsync(demo.MissionId, lines, demo.Users[byOwner.Key], (_, _) => true, "the demo", cancellationToken);
            if (!result.Succeeded)
                throw new InvalidDataException($"Demo results values: {result.Rejects[0].Where} {result.Rejects[0].Field}: {result.Rejects[0].Message}");
        }

        await computer.ComputeAsync(demo.MissionId, null, null, null, cancellationToken);
        foreach (var (item, indicator) in created.Values)
        {
            var baseline = item.Baseline ?? await RealBaselineAsync(indicator, item.BaselineYear, cancellationToken);
            // A computed count's target is a factor of its real baseline; a share's is a level.
            var target = item.Measure is null || indicator.Type == IndicatorType.Percentage || baseline is null ? item.Target : Round(indicator, baseline.Value.Value * item.Target);
            Ok(await periods.SetTargetsAsync(indicator, indicator.Version, TargetsOf(indicator, baseline, target), cancellationToken), item.Code);
        }
        await assessment.SeedAsync(demo, plan, created.ToDictionary(c => c.Key, c => c.Value.Indicator, StringComparer.Ordinal), cancellationToken);
        var computed = created.Values.Count(c => c.Demo.Measure is not null);
        return $"a results plan of {created.Count} indicators ({computed} computed from the incidents, follow-ups and the perception survey), assessed and adapted";
    }

    private static IndicatorInput InputOf(DemoIndicator item, DemoMission demo) => new(item.Code, item.Name, item.NameFr,
        $"{item.Definition} {(item.Measure is null ? $"{ResultsDemoPlan.Invented}: the indicator, its values, baseline and targets." : $"{ResultsDemoPlan.Invented}: the indicator and its targets; its values are computed from Amani's records.")}",
        item.Unit, item.Type, null, false, item.Direction, item.Frequency, item.AreaLevel, item.BySex ? ["sex"] : [], item.DataSource, demo.Users[item.Owner],
        item.Public, item.Measure, item.ReportedByPartner ? [demo.PartnerOrganizationId] : []);

    /// <summary>The invented values as entry lines: the total, and for an indicator split by sex its female and male parts.</summary>
    private static IEnumerable<CodedValueInput> LinesOf(DemoIndicator item)
    {
        const string comment = ResultsDemoPlan.Invented + ".";
        foreach (var value in item.Values)
        {
            var where = $"{item.Code} {value.Period}";
            yield return value.Denominator is { } denominator
                ? new CodedValueInput(where, item.Code, new ValueInput(value.Period, null, null, null, value.Value, denominator, comment))
                : new CodedValueInput(where, item.Code, new ValueInput(value.Period, null, null, value.Value, null, null, comment));
            if (value.Female is { } female)
            {
                yield return new CodedValueInput(where, item.Code, new ValueInput(value.Period, null, "sex:female", female, null, null, comment));
                yield return new CodedValueInput(where, item.Code, new ValueInput(value.Period, null, "sex:male", value.Value - female, null, null, comment));
            }
        }
    }

    /// <summary>
    /// A computed indicator's baseline: its mission-wide figure of the year (2020: the real events before the plan), per
    /// period (the last period of the year carries it); null without data.
    /// </summary>
    private async Task<(string Period, double Value)?> RealBaselineAsync(Indicator indicator, int year, CancellationToken cancellationToken)
    {
        var (from, until) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
        var values = await db.Set<IndicatorValue>().AsNoTracking()
            .Where(v => v.IndicatorId == indicator.Id && v.AreaCode == "" && v.Disaggregation == "" && v.PeriodStart >= from && v.PeriodStart < until)
            .Select(v => v.Value).ToListAsync(cancellationToken);
        var last = Period.Of(until.AddDays(-1), indicator.Frequency).Id;
        return values.Count == 0 ? null : (last, Round(indicator, indicator.Type == IndicatorType.Percentage ? values.Average() : values.Sum() / values.Count));
    }

    /// <summary>The baseline, then a target for every period of the plan, on a straight line from the baseline to the final target.</summary>
    private static List<TargetInput> TargetsOf(Indicator indicator, (string Period, double Value)? baseline, double target)
    {
        // A baseline inside the plan (the survey's first round) gets no target of its own period.
        var all = Period.Between(ResultsDemoPlan.StartsOn, ResultsDemoPlan.EndsOn.AddDays(1), indicator.Frequency).Where(p => p.Id != baseline?.Period).ToList();
        var targets = baseline is { } b ? new List<TargetInput> { new(TargetKind.Baseline, b.Period, null, b.Value) } : [];
        var start = baseline?.Value ?? target;
        for (var i = 0; i < all.Count; i++)
            targets.Add(new TargetInput(TargetKind.Target, all[i].Id, null, Round(indicator, start + (target - start) * (i + 1) / all.Count)));
        return targets;
    }

    private static double Round(Indicator indicator, double value) =>
        indicator.Type == IndicatorType.Count ? Math.Round(value) : Math.Round(value, 1);

    private static T Ok<T>(Platform.Records.Outcome<T> outcome, string what) where T : class =>
        outcome.Refusal is { } refusal ? throw new InvalidDataException($"Demo results plan, {what}: {refusal.Message}") : outcome.Value!;
}
