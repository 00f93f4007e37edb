using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Live;
using Amani.Tests.Analysis.Alerts;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Platform.Live;

/// <summary>The mission's live feed: announced after commit, to those who may see the record, across nodes on PostgreSQL.</summary>
public sealed class LiveFeedTests
{
    private static readonly string Path = $"/api/v1/missions/{AlertWorld.Mission}/live";

    [Fact]
    public async Task A_report_submitted_on_one_node_reaches_a_stream_opened_on_the_other_node()
    {
        var database = TestDatabase.Create(DatabaseProvider.Postgres);
        await using var world = await AlertWorld.StartAsync(DatabaseProvider.Postgres, database: database);
        await using var nodeB = await TestApp.StartNodeAsync(database);
        var dutyOnB = await nodeB.SignInAsync(world.Users[Role.DutyOfficer]);
        var partnerOnB = await nodeB.SignInAsync(world.Users[Role.Partner]);
        var (duty, _) = await LiveClient.OpenAsync(dutyOnB, Path);
        var (partner, _) = await LiveClient.OpenAsync(partnerOnB, Path);
        await using (duty)
        await using (partner)
        {
            await world.ReportAsync(AlertWorld.InOuham); // on node A
            var report = await duty.NextAsync();
            Assert.Equal("report", report.Name);
            Assert.Equal("submitted", report.Data.GetProperty("change").GetString());
            var id = report.Data.GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.OK, (await dutyOnB.GetAsync($"/api/v1/missions/{AlertWorld.Mission}/reports/{id}")).StatusCode);
            Assert.Equal(["kind", "change", "id"], report.Data.EnumerateObject().Select(p => p.Name)); // nothing of the report's content

            // A partner does not read community reports: the first event it hears is the public incident recorded after the report.
            var incident = await world.IncidentAsync(AlertWorld.InOuham, 0.1, confidentiality: "public");
            var heard = await partner.NextAsync();
            Assert.Equal(("incident", incident), (heard.Name, heard.Data.GetProperty("id").GetGuid()));
            Assert.Equal(incident, (await duty.NextAsync()).Data.GetProperty("id").GetGuid());
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Incidents_reports_and_alerts_are_announced_to_those_who_may_see_them_and_a_reconnection_gets_what_it_missed(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var (duty, _) = await LiveClient.OpenAsync(world.Duty, Path);
        var (partner, _) = await LiveClient.OpenAsync(world.Partner, Path);
        string lastId;
        Guid alertId;
        await using (partner)
        await using (duty)
        {
            var hidden = await world.IncidentAsync(AlertWorld.InOuham, 0.2); // mission-only: staff see it, partners do not
            var first = await duty.NextAsync();
            Assert.Equal(("incident", "created", hidden), (first.Name, first.Data.GetProperty("change").GetString(), first.Data.GetProperty("id").GetGuid()));

            await world.RuleAsync(new { name = "Any clash in Ouham", kind = "incidentCount", severity = "severe", areaPCode = AlertWorld.Ouham, threshold = 1, windowDays = 7 });
            await world.RunAsync();
            var raised = await duty.NextAsync();
            Assert.Equal(("alert", "raised"), (raised.Name, raised.Data.GetProperty("change").GetString()));
            alertId = raised.Data.GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(alertId, new { to = "acknowledged" })).StatusCode);
            var changed = await duty.NextAsync();
            Assert.Equal(("alert", "changed", alertId), (changed.Name, changed.Data.GetProperty("change").GetString(), changed.Data.GetProperty("id").GetGuid()));
            lastId = changed.Id!;

            var visible = await world.IncidentAsync(AlertWorld.InOuham, 0.1, confidentiality: "public");
            var heard = await partner.NextAsync(); // neither the mission incident nor the alerts (partners do not read alerts)
            Assert.Equal(("incident", visible), (heard.Name, heard.Data.GetProperty("id").GetGuid()));
            Assert.Equal(visible, (await duty.NextAsync()).Data.GetProperty("id").GetGuid());
        }

        // Disconnected: a report and a refused move (nothing committed, nothing announced) meanwhile; the reconnection catches up.
        await world.ReportAsync(AlertWorld.InOuham);
        Assert.Equal(HttpStatusCode.Conflict, (await world.MoveAsync(alertId, new { to = "resolved", outcome = "Nothing was done yet" })).StatusCode);
        var (again, missed) = await LiveClient.OpenAsync(world.Duty, Path, lastId);
        await using (again)
        {
            Assert.Equal(["incident", "report"], missed.Select(e => e.Name));
            var (other, reset) = await LiveClient.OpenAsync(world.Duty, Path, "0123456789ab-1");
            await using (other)
                Assert.Equal("reset", Assert.Single(reset).Name);
        }
        Assert.Equal(0, await WaitForSubscribersAsync(world.App, 0));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_stream_ends_when_the_node_stops_without_hanging_or_logging_errors(DatabaseProvider provider)
    {
        var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var client = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var (live, _) = await LiveClient.OpenAsync(client, $"/api/v1/missions/{TestMission.Code}/live");
        await using (live)
        {
            var stopping = app.DisposeAsync().AsTask(); // fails on any logged server error
            Assert.True(await live.EndsAsync(TimeSpan.FromSeconds(10)));
            await stopping.WaitAsync(TimeSpan.FromSeconds(15));
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Once_answers_and_closes_and_an_unknown_mission_is_404(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var client = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));
        var once = await client.GetAsync($"/api/v1/missions/{TestMission.Code}/live?once=true");
        Assert.Equal(HttpStatusCode.OK, once.StatusCode);
        Assert.Contains("event: ready", await once.Content.ReadAsStringAsync());
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/missions/NOPE/live?once=true"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/missions/{TestMission.Code}/live?once=true")).StatusCode);
    }

    private static async Task<int> WaitForSubscribersAsync(TestApp app, int expected)
    {
        var bus = app.Services.GetRequiredService<LiveBus>();
        for (var i = 0; i < 600 && bus.SubscriberCount != expected; i++) // up to 30 s: a loaded machine may take seconds
            await Task.Delay(50);
        return bus.SubscriberCount;
    }
}
