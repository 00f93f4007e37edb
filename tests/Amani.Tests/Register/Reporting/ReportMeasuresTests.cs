using System.Net;
using System.Net.Http.Json;
using Amani.Foundation.Areas;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Measures;
using Amani.Register.Reporting;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Measures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Platform.Measures.MeasureRun;

namespace Amani.Tests.Register.Reporting;

/// <summary>Reports received, the share answered within N days and the median days to the first answer, by month received and area.</summary>
public sealed class ReportMeasuresTests
{
    private static readonly DateTime Jan2 = new(2024, 1, 2, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Jan10 = new(2024, 1, 10, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Jan20 = new(2024, 1, 20, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Feb5 = new(2024, 2, 5, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Mar1 = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Stores reports as if received at the given times, with staff replies (and reporter messages) at the given delays.</summary>
    internal static Task<List<Guid>> StoreAsync(TestApp app, Guid missionId, params (DateTime ReceivedAt, Guid? AreaId, double[] RepliesAfterDays)[] reports) =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AmaniDbContext>();
            var audit = services.GetRequiredService<AuditLog>();
            var ids = new List<Guid>();
            foreach (var (receivedAt, areaId, replies) in reports)
            {
                var report = new CommunityReport
                {
                    MissionId = missionId, TrackingCode = TrackingCode.New(), Channel = ReportChannel.Web, Description = "Shots near the market.",
                    AreaId = areaId, Status = ReportStatus.New, ReceivedAt = receivedAt, UpdatedAt = receivedAt,
                };
                db.Add(report);
                // The reporter writing again is no answer.
                db.Add(new ReportMessage { ReportId = report.Id, Direction = MessageDirection.FromReporter, Body = "More shots.", At = receivedAt.AddHours(2) });
                foreach (var days in replies)
                    db.Add(new ReportMessage { ReportId = report.Id, Direction = MessageDirection.ToReporter, Body = "We are looking into it.", At = receivedAt.AddDays(days) });
                audit.Record(AuditAction.ReportReceived, CommunityReport.AuditEntity, report.Id, "Test report.");
                ids.Add(report.Id);
            }
            await db.SaveChangesAsync();
            return ids;
        });

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Received_answered_within_N_days_and_days_to_the_first_answer_by_month_and_area(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await TestMission.CreateAsync(app);
        var province = await app.WithDbAsync(db => db.AdminAreas.Where(a => a.PCode == TestMission.Province).Select(a => (Guid?)a.Id).SingleAsync());
        await StoreAsync(app, mission.Id,
            (Jan2, province, [3, 20]), // first answered after 3 days (the second reply does not count)
            (Jan10, province, [10]),
            (Jan20, null, []), // never answered
            (Feb5, province, [7]), // exactly 7 days: within
            (Mar1, province, [1])); // after the range

        foreach (var publicOnly in new[] { false, true }) // counts without text: the public version counts them too
        {
            Assert.Equal([new MeasureFact(January, null, null, 1, 1), new MeasureFact(January, province, null, 2, 1), new MeasureFact(February, province, null, 1, 1)],
                await FactsAsync(app, "reports.received", mission.Id, January, March, publicOnly));
            var within7 = await FactsAsync(app, "reports.answered-within", mission.Id, January, March, publicOnly);
            Assert.Equal([new MeasureFact(January, null, null, 0, 1), new MeasureFact(January, province, null, 1, 2), new MeasureFact(February, province, null, 1, 1)], within7);
            Assert.Equal(0.5, Share(within7.Where(f => f.Month == January && f.AreaId == province)));
            Assert.Equal(2.0 / 4, Share(within7));
            var within10 = await FactsAsync(app, "reports.answered-within", mission.Id, January, March, publicOnly, new Dictionary<string, int> { ["days"] = 10 });
            Assert.Equal(3.0 / 4, Share(within10));
            var days = await FactsAsync(app, "reports.days-to-first-answer", mission.Id, January, March, publicOnly);
            Assert.Equal([new MeasureFact(January, province, null, 3, 1), new MeasureFact(January, province, null, 10, 1), new MeasureFact(February, province, null, 7, 1)], days);
            Assert.Equal(7, Median(days));
        }
        Assert.Equal([new MeasureFact(February, province, null, 1, 1)], await FactsAsync(app, "reports.received", mission.Id, February, March, false));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_reply_is_announced_for_the_month_the_report_was_received(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await TestMission.CreateAsync(app);
        var id = (await StoreAsync(app, mission.Id, (Jan10, null, [])))[0];
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        using var watch = new Watch(app);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/missions/{TestMission.Code}/reports/{id}/replies")
        {
            Content = JsonContent.Create(new { body = "Thank you, a patrol is on its way." }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var response = await duty.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        Assert.Contains(new MeasureChange(mission.Id, "reports", January, February), watch.Seen);
        var answered = await FactsAsync(app, "reports.answered-within", mission.Id, January, February, false);
        Assert.Equal([new MeasureFact(January, null, null, 0, 1)], answered); // answered now, long after 7 days
        Assert.Single(await FactsAsync(app, "reports.days-to-first-answer", mission.Id, January, February, false));
    }
}
