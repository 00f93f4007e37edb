using Amani.Foundation.Organizations;
using Amani.Governance.Results;
using Amani.Governance.Results.Plans;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Register.Incidents;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Results.Pages;

/// <summary>A plan and indicators of the test mission, set up through the module's services (as the API would).</summary>
public static class ResultsPageData
{
    /// <summary>
    /// What the page matrix opens: an entered, mission-wide indicator that the organisation "Page partner" (when there is
    /// one) reports on, so that a partner of it sees the page like mission staff.
    /// </summary>
    public static Task<string> IndicatorPathAsync(TestApp app, string suffix = "") => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AmaniDbContext>();
        var partner = await db.Set<Organization>().Where(o => o.Name == "Page partner").Select(o => (Guid?)o.Id).FirstOrDefaultAsync();
        var indicator = await CreateIndicatorAsync(services, "PM-" + Guid.NewGuid().ToString("N")[..8], IndicatorType.Count,
            IndicatorDirection.HigherIsBetter, reporters: partner is { } id ? [id] : null);
        return $"/missions/{TestMission.Code}/results/indicators/{indicator.Id}{suffix}";
    });

    public static async Task<Indicator> CreateIndicatorAsync(IServiceProvider services, string code, IndicatorType type, IndicatorDirection direction,
        int? areaLevel = null, Guid? owner = null, IReadOnlyList<Guid>? reporters = null, IReadOnlyList<string>? disaggregations = null)
    {
        var mission = (await services.GetRequiredService<IMissionDirectory>().FindAsync(TestMission.Code, CancellationToken.None))!;
        var created = await services.GetRequiredService<IndicatorRules>().CreateAsync(mission.Id, new IndicatorInput(code, $"Indicator {code}", null,
            "What it measures.", type == IndicatorType.Percentage ? "%" : "events", type, null, false, direction, IndicatorFrequency.Monthly, areaLevel,
            disaggregations, "Field reports", owner, false, null, reporters), CancellationToken.None);
        Assert.Null(created.Refusal);
        return created.Value!;
    }

    /// <summary>An incident of the test mission (a battle in March 2024), stored as an import would, for a finding to cite.</summary>
    public static async Task<Guid> CreateIncidentAsync(IServiceProvider services)
    {
        var mission = (await services.GetRequiredService<IMissionDirectory>().FindAsync(TestMission.Code, CancellationToken.None))!;
        var db = services.GetRequiredService<AmaniDbContext>();
        var day = new DateTime(2024, 3, 10, 0, 0, 0, DateTimeKind.Utc);
        var incident = new Incident
        {
            MissionId = mission.Id, Source = IncidentSource.Imported, CategoryCode = "battles.armed-clash", OccurredFrom = day, OccurredUntil = day,
            OccurredPrecision = DatePrecision.Day, ReportedAt = day, FatalitiesBest = 2, Description = "Armed clash near the market",
            Confidentiality = Confidentiality.Public, Confidence = Confidence.Confirmed, Status = IncidentStatus.Verified, CreatedAt = day, UpdatedAt = day,
        };
        db.Add(incident);
        services.GetRequiredService<AuditLog>().Record(AuditAction.IncidentRecorded, Incident.AuditEntity, incident.Id, "Incident recorded for an assessment test.");
        await db.SaveChangesAsync();
        return incident.Id;
    }

    /// <summary>Plan version 1 (2024) with priority P1 › objective O1 › outcome OC1 › output OP1 › the indicators given.</summary>
    public static async Task<Plan> CreatePlanAsync(IServiceProvider services, Guid userId, params Indicator[] indicators)
    {
        var mission = (await services.GetRequiredService<IMissionDirectory>().FindAsync(TestMission.Code, CancellationToken.None))!;
        var rules = services.GetRequiredService<PlanRules>();
        var plan = (await rules.CreateAsync(mission.Id, new PlanInput("Mandate plan 2024", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)), userId,
            CancellationToken.None)).Value!;
        Guid? parent = null;
        foreach (var (level, code) in new[] { (PlanLevel.Priority, "P1"), (PlanLevel.Objective, "O1"), (PlanLevel.Outcome, "OC1"), (PlanLevel.Output, "OP1") })
        {
            var node = await rules.AddNodeAsync(plan, plan.Version, new NodeInput(parent, level, code, $"{level} {code} name", null, null, null, null), CancellationToken.None);
            Assert.Null(node.Refusal);
            parent = node.Value!.Id;
        }
        foreach (var indicator in indicators)
        {
            var node = await rules.AddNodeAsync(plan, plan.Version, new NodeInput(parent, PlanLevel.Indicator, indicator.Code, indicator.Name, null, null, indicator.Id, null),
                CancellationToken.None);
            Assert.Null(node.Refusal);
        }
        return plan;
    }

    public static Task SetTargetAsync(IServiceProvider services, Indicator indicator, string period, double target, double? baseline = null) =>
        SetTargetsAsync(services, indicator, baseline, (period, target));

    /// <summary>Replaces the indicator's mission-wide targets (and its baseline for 202312).</summary>
    public static async Task SetTargetsAsync(IServiceProvider services, Indicator indicator, double? baseline, params (string Period, double Value)[] periods)
    {
        var tracked = await services.GetRequiredService<AmaniDbContext>().Set<Indicator>().FirstAsync(i => i.Id == indicator.Id);
        var targets = periods.Select(p => new TargetInput(TargetKind.Target, p.Period, null, p.Value)).ToList();
        if (baseline is { } b)
            targets.Add(new(TargetKind.Baseline, "202312", null, b));
        var set = await services.GetRequiredService<IndicatorPeriods>().SetTargetsAsync(tracked, tracked.Version, targets, CancellationToken.None);
        Assert.Null(set.Refusal);
    }

    public static async Task EnterAsync(IServiceProvider services, Indicator indicator, string period, double value, string? area = null)
    {
        var mission = (await services.GetRequiredService<IMissionDirectory>().FindAsync(TestMission.Code, CancellationToken.None))!;
        var result = await services.GetRequiredService<Amani.Governance.Results.Values.ValueRules>().EnterAsync(mission.Id,
            [new CodedValueInput("test", indicator.Code, new ValueInput(period, area, null, value, null, null, null))], null, (_, _) => true, "the tests",
            CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Rejects.Select(r => r.Message)));
    }
}
