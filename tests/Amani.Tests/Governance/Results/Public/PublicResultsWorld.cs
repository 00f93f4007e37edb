using System.Text.Json;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Governance.Results;
using Amani.Governance.Results.Values;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Identity;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amani.Tests.Governance.Results.Public;

/// <summary>
/// The mission ALPHA with three prefectures (CF.AA of <see cref="TestMission"/>, CF.BB "Nana-Grébizi &lt;b&gt;", CF.CC) and
/// three indicators stored directly with their audit rows: a public security count by prefecture (its measure key starts
/// with <c>incidents.</c>, but no source offers it, so the background computation leaves the values the test stores),
/// a public entered count by prefecture, and an internal one.
/// </summary>
public static class PublicResultsWorld
{
    public const string Security = "SEC-INCIDENTS";
    public const string Entered = "PATROLS";
    public const string Internal = "INTERNAL";
    /// <summary>A comment and a follow-up flag stored on values: neither may reach the public.</summary>
    public const string Comment = "Told by Jean Dupont of Bossangoa";
    /// <summary>An area name holding markup: shown as text, never as HTML.</summary>
    public const string MarkupName = "Nana-Grébizi <b>bold</b>";

    public static async Task<Mission> CreateAsync(TestApp app)
    {
        var mission = await TestMission.CreateAsync(app);
        await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code); // the author of the entered values
        await app.WithScopeAsync(async services =>
        {
            var areas = services.GetRequiredService<AreaRules>();
            var square = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[19,4],[20,4],[20,5],[19,5],[19,4]]]}""").RootElement;
            var other = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[20,4],[21,4],[21,5],[20,5],[20,4]]]}""").RootElement;
            await areas.AddAsync(mission, new CreateAreaRequest("CF.BB", MarkupName, 1, "CF", square, null, null), CancellationToken.None);
            await areas.AddAsync(mission, new CreateAreaRequest("CF.CC", "Ouham", 1, "CF", other, null, null), CancellationToken.None);
            var db = services.GetRequiredService<AmaniDbContext>();
            await db.SaveChangesAsync();
            var audit = services.GetRequiredService<AuditLog>();
            Indicator[] indicators =
            [
                new() { MissionId = mission.Id, Code = Security, Name = "Incidents", NameFr = "Incidents (FR)", Unit = "incidents", Type = IndicatorType.Count,
                    Direction = IndicatorDirection.LowerIsBetter, Frequency = IndicatorFrequency.Monthly, AreaLevel = 1, Public = true,
                    MeasureKey = "incidents.test-only" },
                new() { MissionId = mission.Id, Code = Entered, Name = "Patrols", Unit = "patrols", Type = IndicatorType.Count,
                    Direction = IndicatorDirection.HigherIsBetter, Frequency = IndicatorFrequency.Monthly, AreaLevel = 1, Public = true },
                new() { MissionId = mission.Id, Code = Internal, Name = "Internal figure", Unit = "items", Type = IndicatorType.Count,
                    Direction = IndicatorDirection.HigherIsBetter, Frequency = IndicatorFrequency.Monthly },
            ];
            foreach (var indicator in indicators)
            {
                db.Add(indicator);
                audit.Record(AuditAction.IndicatorCreated, Indicator.AuditEntity, indicator.Id, $"Indicator {indicator.Code} created by the test.");
            }
            await db.SaveChangesAsync();
            return 0;
        });
        // 202401: CF.AA 3 (small), CF.BB 7, CF.CC 0 (the complement: the smallest other area); the mission total 10.
        await AddAsync(app, mission.Id, Security, "202401", ("", 10), ("CF.AA", 3), ("CF.BB", 7), ("CF.CC", 0));
        // 202402: nothing small; the mission total of 3 in 202403 is published as it is, its areas 1 and 2 are both small.
        await AddAsync(app, mission.Id, Security, "202402", ("", 27), ("CF.AA", 7), ("CF.BB", 8), ("CF.CC", 12));
        await AddAsync(app, mission.Id, Security, "202403", ("", 3), ("CF.AA", 1), ("CF.BB", 2), ("CF.CC", 0));
        await AddAsync(app, mission.Id, Entered, "202403", ("", 4), ("CF.AA", 2), ("CF.BB", 2), ("CF.CC", 0));
        await AddAsync(app, mission.Id, Internal, "202403", ("", 99));
        return mission;
    }

    /// <summary>Values of one period, stored as the computation or the grid would, each with <see cref="Comment"/>, a follow-up flag and an author.</summary>
    public static Task AddAsync(TestApp app, Guid missionId, string code, string period, params (string Area, double Value)[] values) =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AmaniDbContext>();
            var indicator = await db.Set<Indicator>().SingleAsync(i => i.MissionId == missionId && i.Code == code);
            var author = await db.Set<AmaniUser>().Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
            foreach (var (area, value) in values)
                db.Add(new IndicatorValue
                {
                    IndicatorId = indicator.Id, Period = period, PeriodStart = new DateOnly(int.Parse(period[..4]), int.Parse(period[4..]), 1),
                    AreaCode = area, Value = value, Computed = indicator.Computed, Comment = Comment, FollowUp = true,
                    EnteredByUserId = indicator.Computed ? null : author, EnteredAt = DateTime.UtcNow,
                });
            services.GetRequiredService<AuditLog>().Record(AuditAction.IndicatorsComputed, Indicator.AuditEntity, indicator.Id, "Stored by the test.");
            await db.SaveChangesAsync();
            return 0;
        });
}
