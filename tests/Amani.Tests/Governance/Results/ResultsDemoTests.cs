using Amani.Foundation.Areas;
using Amani.Foundation.Demo;
using Amani.Foundation.Missions;
using Amani.Governance.Results;
using Amani.Governance.Results.Assessments;
using Amani.Governance.Results.Computation;
using Amani.Governance.Results.Plans;
using Amani.Governance.Results.Values;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Results;

/// <summary>The demo's results plan: seeded with the demo mission, active, audited, its computed indicators showing what the real GED events give.</summary>
public sealed class ResultsDemoTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_demo_seeds_an_active_MINUSCA_plan_whose_computed_indicators_count_the_real_events(DatabaseProvider provider)
    {
        // `serve` seeds the demo before the background services start; without the computation's, as there.
        await using var app = await TestApp.StartAsync(provider, services: s => s.Remove(s.Single(d => d.ImplementationType == typeof(ResultsComputeService))));

        var seeded = await app.WithScopeAsync(s => s.GetRequiredService<DemoSeeder>()
            .SeedAsync(Path.Combine(AppContext.BaseDirectory, "SampleData"), CancellationToken.None));

        Assert.Contains("a results plan of 26 indicators (7 computed", string.Join(" | ", seeded!.Contributed!));
        await app.WithDbAsync(async db =>
        {
            var mission = await db.Missions.AsNoTracking().SingleAsync();
            var plans = await db.Set<Plan>().AsNoTracking().Where(p => p.MissionId == mission.Id).OrderBy(p => p.Number).ToListAsync();
            var plan = plans[0];
            Assert.Equal((1, PlanStatus.Active, new DateOnly(2021, 1, 1), new DateOnly(2022, 12, 31)), (plan.Number, plan.Status, plan.StartsOn, plan.EndsOn));

            // Assessed and adapted: a final review with findings citing indicators and real events, every objective rated,
            // two of three recommendations accepted with a follow-up each, and version 2 started from it, as a draft for
            // 2023–2025 whose change names the recommendation behind it.
            var assessment = await db.Set<Assessment>().AsNoTracking().SingleAsync(a => a.MissionId == mission.Id);
            Assert.Equal((AssessmentStatus.Final, plan.Id), (assessment.Status, assessment.PlanId));
            var evidence = await db.Set<FindingEvidence>().AsNoTracking().Where(e => db.Set<Finding>().Any(f => f.Id == e.FindingId && f.AssessmentId == assessment.Id)).ToListAsync();
            Assert.Contains(evidence, e => e.RecordType == "incident" && e.RecordId != null);
            Assert.Contains(evidence, e => e.IndicatorId != null);
            Assert.Equal(7, await db.Set<ObjectiveRating>().CountAsync(r => r.AssessmentId == assessment.Id));
            var recommendations = await db.Set<Recommendation>().AsNoTracking().Where(r => r.AssessmentId == assessment.Id).OrderBy(r => r.Position).ToListAsync();
            Assert.Equal([RecommendationDecision.Accepted, RecommendationDecision.PartlyAccepted, RecommendationDecision.Rejected], recommendations.Select(r => r.Decision));
            Assert.Equal(2, recommendations.Count(r => r.FollowUpId != null));
            var next = plans[1];
            Assert.Equal((2, PlanStatus.Draft, assessment.Id, new DateOnly(2023, 1, 1)), (next.Number, next.Status, next.AssessmentId, next.StartsOn));
            Assert.True(await db.Set<PlanChange>().AnyAsync(c => c.PlanId == next.Id && c.RecommendationId == recommendations[0].Id));
            var indicators = await db.Set<Indicator>().AsNoTracking().Where(i => i.MissionId == mission.Id).ToListAsync();
            var nodes = await db.Set<PlanNode>().AsNoTracking().Where(n => n.PlanId == plan.Id).ToListAsync();
            Assert.Equal(indicators.Select(i => i.Id).Order(), nodes.Where(n => n.IndicatorId != null).Select(n => n.IndicatorId!.Value).Order());
            Assert.Equal(6, nodes.Count(n => n.Level == PlanLevel.Priority));
            Assert.All(indicators, i => Assert.NotNull(i.OwnerUserId));
            // Through the rules: every indicator's creation is in the audit log.
            var created = AuditAction.IndicatorCreated.Code;
            Assert.Equal(indicators.Count, await db.AuditEntries.CountAsync(a => a.ActionCode == created));

            var civilians = indicators.Single(i => i.Code == "POC-CIVFAT");
            var counted = await DirectCivilianFatalitiesAsync(db, mission.Id);
            var ((prefecture, quarter), deaths) = counted.MaxBy(c => c.Value);
            Assert.True(deaths > 0);
            var stored = await db.Set<IndicatorValue>().AsNoTracking()
                .SingleAsync(v => v.IndicatorId == civilians.Id && v.AreaCode == prefecture && v.Period == quarter && v.Disaggregation == "");
            Assert.True(stored.Computed);
            Assert.Equal(deaths, stored.Value);
            // A quarter without a death in that prefecture is a 0, not a gap.
            var quiet = await db.Set<IndicatorValue>().AsNoTracking().Where(v => v.IndicatorId == civilians.Id && v.AreaCode != "" && v.PeriodStart < new DateOnly(2023, 1, 1)
                && v.PeriodStart >= new DateOnly(2021, 1, 1)).ToListAsync();
            Assert.All(quiet, v => Assert.Equal(counted.GetValueOrDefault((v.AreaCode, v.Period)), v.Value));

            // Computed over the plans in force only (2020 for the baselines, then 2021–2022): the draft's 2023–2025 is not.
            Assert.False(await db.Set<IndicatorValue>().AnyAsync(v => v.Computed && v.PeriodStart >= new DateOnly(2023, 1, 1)));

            var monthly = indicators.Single(i => i.Code == "POC-INCIDENTS");
            var march = await db.Set<IndicatorValue>().AsNoTracking().SingleAsync(v => v.IndicatorId == monthly.Id && v.Period == "202103" && v.AreaCode == "");
            var (from, until) = (new DateTime(2021, 3, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2021, 4, 1, 0, 0, 0, DateTimeKind.Utc));
            Assert.Equal(await db.Set<Incident>().CountAsync(i => i.MissionId == mission.Id && i.OccurredFrom >= from && i.OccurredFrom < until), march.Value);
            Assert.True(march.Value > 0);

            var entered = await db.Set<IndicatorValue>().AsNoTracking().Where(v => !v.Computed).ToListAsync();
            Assert.NotEmpty(entered);
            Assert.All(entered, v => Assert.Equal("Invented for the demo.", v.Comment));
            var trained = indicators.Single(i => i.Code == "SA-TRAINED");
            Assert.Equal(["", "sex:female", "sex:male"], entered.Where(v => v.IndicatorId == trained.Id && v.Period == "2022").Select(v => v.Disaggregation).Order());
            Assert.True(await db.Set<IndicatorTarget>().AnyAsync(t => t.IndicatorId == civilians.Id && t.Kind == TargetKind.Baseline && t.Period == "2020Q4"));
            return 0;
        });
    }

    /// <summary>Civilian deaths of the demo's incidents by prefecture (its P-code) and quarter, counted straight from the incidents in 2021–2022.</summary>
    private static async Task<Dictionary<(string Prefecture, string Quarter), double>> DirectCivilianFatalitiesAsync(AmaniDbContext db, Guid missionId)
    {
        var areas = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == missionId).ToDictionaryAsync(a => a.Id, a => a.Path);
        var (from, until) = (new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var incidents = await db.Set<Incident>().AsNoTracking()
            .Where(i => i.MissionId == missionId && i.OccurredFrom >= from && i.OccurredFrom < until && i.AreaId != null)
            .Select(i => new { i.OccurredFrom, i.AreaId, i.CivilianFatalities }).ToListAsync();
        return incidents
            .Select(i => (Path: areas[i.AreaId!.Value].Split('/', StringSplitOptions.RemoveEmptyEntries), i.OccurredFrom, Deaths: i.CivilianFatalities ?? 0))
            .Where(i => i.Path.Length > 1)
            .GroupBy(i => (i.Path[1], $"{i.OccurredFrom.Year}Q{(i.OccurredFrom.Month - 1) / 3 + 1}"))
            .ToDictionary(g => g.Key, g => (double)g.Sum(i => i.Deaths));
    }
}
