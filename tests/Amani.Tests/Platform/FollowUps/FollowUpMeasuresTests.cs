using System.Net;
using System.Net.Http.Json;
using Amani.Foundation.Areas;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.FollowUps;
using Amani.Platform.Measures;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Measures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Platform.Measures.MeasureRun;

namespace Amani.Tests.Platform.FollowUps;

/// <summary>The share of follow-ups done on time, by month due, area and module.</summary>
public sealed class FollowUpMeasuresTests
{
    private static Task StoreAsync(TestApp app, Guid missionId, params (string Module, Guid? AreaId, DateTime DueAt, FollowUpStatus Status, DateTime? ClosedAt)[] followUps) =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AmaniDbContext>();
            var audit = services.GetRequiredService<AuditLog>();
            foreach (var (module, areaId, dueAt, status, closedAt) in followUps)
            {
                var followUp = new FollowUp
                {
                    MissionId = missionId, Module = module, AreaId = areaId, Title = "Meet the prefect", OwnerKind = FollowUpOwnerKind.Role,
                    OwnerRole = Role.DutyOfficer, DueAt = dueAt, Status = status, ClosedAt = closedAt, CreatedBy = "test", CreatedAt = dueAt.AddDays(-30),
                    UpdatedAt = dueAt.AddDays(-30),
                };
                db.Add(followUp);
                audit.Record(AuditAction.FollowUpCreated, FollowUp.AuditEntity, followUp.Id, "Test follow-up.");
            }
            return await db.SaveChangesAsync();
        });

    private static DateTime Jan(int day, int hour = 0) => new(2024, 1, day, hour, 0, 0, DateTimeKind.Utc);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Done_on_or_before_the_due_date_over_those_done_or_past_due(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await TestMission.CreateAsync(app);
        var province = await app.WithDbAsync(db => db.AdminAreas.Where(a => a.PCode == TestMission.Province).Select(a => (Guid?)a.Id).SingleAsync());
        var feb1 = new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var later = now.AddDays(10);
        await StoreAsync(app, mission.Id,
            ("general", province, Jan(10), FollowUpStatus.Done, Jan(9)), // on time
            ("general", province, Jan(15), FollowUpStatus.Done, Jan(16)), // late
            ("general", province, Jan(20), FollowUpStatus.Open, null), // past due, not done
            ("general", province, Jan(25), FollowUpStatus.Dropped, Jan(26)), // dropped: in neither part
            ("alerts", null, feb1, FollowUpStatus.Done, feb1), // done at the very due time: on time
            ("general", null, later, FollowUpStatus.InProgress, null), // not due yet: in neither part
            ("general", null, later, FollowUpStatus.Done, now)); // done ahead of time

        foreach (var publicOnly in new[] { false, true }) // counts without text: the public version counts them too
        {
            var facts = await FactsAsync(app, "follow-ups.done-on-time", mission.Id, January, March, publicOnly);
            Assert.Equal([new MeasureFact(January, province, "general", 1, 3), new MeasureFact(February, null, "alerts", 1, 1)], facts);
            Assert.Equal(0.5, Share(facts));
        }
        var month = new DateOnly(later.Year, later.Month, 1);
        Assert.Equal([new MeasureFact(month, null, "general", 1, 1)], await FactsAsync(app, "follow-ups.done-on-time", mission.Id, month, month.AddMonths(1), false));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_follow_up_created_is_announced(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await TestMission.CreateAsync(app);
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        using var watch = new Watch(app);

        var response = await duty.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/follow-ups", new
        {
            title = "Meet the prefect", owner = new { kind = "role", role = "dutyOfficer" }, dueAt = app.Clock.GetUtcNow().AddDays(3),
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(new MeasureChange(mission.Id, "follow-ups", null, null), watch.Seen);
    }
}
