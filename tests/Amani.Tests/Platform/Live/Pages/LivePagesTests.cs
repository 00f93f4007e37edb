using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Analysis.Alerts;
using Amani.Tests.Analysis.Dashboard;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Amani.Tests.Platform.Live.Pages;

/// <summary>
/// The live feed in the browser: the dashboard, the triage queue and the incident list stay open while an incident is recorded and a community
/// report submitted through the API — on the same node, and on another node over the same PostgreSQL database — and show
/// them without a reload; on the dashboard, a raised alert too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LivePagesTests(Chromium chromium)
{
    private const string Dashboard = "/missions/" + TestMission.Code, Queue = "/missions/" + TestMission.Code + "/triage";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_open_dashboard_triage_queue_and_incident_list_show_new_incidents_reports_and_alerts_without_reloading(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var duty = world.Users[Role.DutyOfficer];
        var dashboard = await ShowsNewRecordsLiveAsync(world.App, duty, world.Duty, world.App.CreateClient(), "live-" + provider);

        // An alert raised meanwhile joins the latest alerts, marked as new; its incident joins the map.
        await world.RuleAsync(new { name = "Clashes in Ouham", kind = "incidentCount", severity = "severe", areaPCode = AlertWorld.Ouham, threshold = 1, windowDays = 7 });
        await world.IncidentAsync(AlertWorld.InOuham, 0.5);
        await world.RunAsync();
        var alert = await world.SingleAlertAsync();
        var fresh = dashboard.Locator("#latest-alerts li.fresh");
        await Expect(fresh).ToHaveCountAsync(1);
        await Expect(fresh).ToContainTextAsync(alert.Headline);
        await Expect(dashboard.Locator("#map")).ToHaveAttributeAsync("data-total", "3");
        await Expect(dashboard.Locator("#live-note")).ToHaveTextAsync("Since you opened this page: 2 new incidents · 1 new community report · 1 new alert");
        Assert.True(await dashboard.EvaluateAsync<bool>("() => window.notReloaded === true"), "the dashboard was not reloaded");
        Assert.Empty(chromium.PageErrors);
        await dashboard.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_open_on_one_node_show_what_was_recorded_on_the_other_node()
    {
        var database = TestDatabase.Create(DatabaseProvider.Postgres);
        await using var nodeA = await TestApp.StartAsync(database);
        await TestMission.CreateAsync(nodeA);
        var duty = await nodeA.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        await using var nodeB = await TestApp.StartNodeAsync(database);
        var dashboard = await ShowsNewRecordsLiveAsync(nodeA, duty, await nodeB.SignInAsync(duty), nodeB.CreateClient(), null);
        await dashboard.Context.CloseAsync();
    }

    [Fact]
    public async Task A_report_submitted_while_the_queue_was_loading_is_announced_when_its_feed_connects()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var duty = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var anonymous = app.CreateClient();
        await SubmitAsync(anonymous, "Smoke seen over the village at dawn");
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(duty);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/v1/missions/*/live*", async route =>
        {
            held.TrySetResult();
            await release.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync(Queue);
        await held.Task.WaitAsync(TimeSpan.FromSeconds(15)); // the queue is shown; its feed is not connected yet
        await Expect(page.Locator("[data-report-link]")).ToHaveCountAsync(1);
        var late = await SubmitAsync(anonymous, "Armed men stopped the bus at the river crossing");
        release.SetResult();

        var news = page.Locator("#triage-news");
        await Expect(news).ToHaveAttributeAsync("data-live", "ready");
        await Expect(news).ToContainTextAsync("1 new report");
        await news.GetByRole(AriaRole.Link, new() { Name = "Show them" }).ClickAsync();
        await Expect(page.Locator("[data-report-link]").First).ToContainTextAsync(late);
        Assert.Empty(chromium.PageErrors);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Opens the dashboard, the triage queue and the incident list on <paramref name="app"/> (one incident and one report already there), then
    /// records an incident with <paramref name="staff"/> and submits a report with <paramref name="anonymous"/> (clients of any node).
    /// Returns the dashboard, still open (the caller closes its browser context).
    /// </summary>
    private async Task<IPage> ShowsNewRecordsLiveAsync(TestApp app, TestUser duty, HttpClient staff, HttpClient anonymous, string? screenshot)
    {
        await MapClustersApiTests.RecordAsync(staff, MapClustersApiTests.Incident(4.3, 18.3));
        var first = await SubmitAsync(anonymous, "Smoke seen over the village at dawn");

        var dashboard = await chromium.OpenAsync(app);
        await dashboard.SignInAsync(duty, Dashboard);
        var triage = await dashboard.Context.NewPageAsync();
        triage.PageError += (_, error) => chromium.PageErrors.Add(error);
        await triage.GotoAsync(Queue);
        var incidents = await dashboard.Context.NewPageAsync();
        incidents.PageError += (_, error) => chromium.PageErrors.Add(error);
        await incidents.GotoAsync(Dashboard + "/incidents");

        var map = dashboard.Locator("#map");
        await Expect(map).ToHaveAttributeAsync("data-total", "1");
        await Expect(dashboard.Locator("#latest-reports")).ToContainTextAsync("Smoke seen over the village at dawn");
        await Expect(dashboard.Locator("#live-note")).ToHaveAttributeAsync("data-live", "ready");
        var rows = triage.Locator("[data-report-link]");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(first);
        await Expect(rows.First).ToBeFocusedAsync();
        await Expect(triage.Locator("#triage-news")).ToHaveAttributeAsync("data-live", "ready");
        var table = incidents.Locator("table.incidents tbody tr");
        await Expect(table).ToHaveCountAsync(1);
        await Expect(incidents.Locator("#incident-news")).ToHaveAttributeAsync("data-live", "ready");
        foreach (var page in new[] { dashboard, triage, incidents })
            await page.EvaluateAsync("() => { window.notReloaded = true; }");

        await MapClustersApiTests.RecordAsync(staff, MapClustersApiTests.Incident(4.6, 18.6));
        await Expect(map).ToHaveAttributeAsync("data-total", "2");
        await Expect(dashboard.Locator("#map-status")).ToHaveTextAsync("2 incidents");
        await Expect(dashboard.Locator("#live-note")).ToHaveTextAsync("Since you opened this page: 1 new incident");
        var counted = await dashboard.EvaluateAsync<int>(
            "[...document.querySelectorAll('.map-cluster, .map-point')].reduce((n, m) => n + (m.classList.contains('map-point') ? 1 : +m.textContent), 0)");
        Assert.Equal(2, counted);
        await Expect(incidents.Locator("#incident-news")).ToContainTextAsync("1 new incident in this mission");
        await Expect(table).ToHaveCountAsync(1); // the table stays as it was until the reader asks

        var second = await SubmitAsync(anonymous, "Armed men stopped the bus at the river crossing");
        var fresh = dashboard.Locator("#latest-reports li.fresh");
        await Expect(fresh).ToHaveCountAsync(1);
        await Expect(fresh).ToContainTextAsync("Armed men stopped the bus at the river crossing");
        await Expect(dashboard.Locator("#latest-reports li")).ToHaveCountAsync(2);
        await Expect(dashboard.Locator("#live-note")).ToHaveTextAsync("Since you opened this page: 1 new incident · 1 new community report");

        // The queue announces the report without moving the list under the keyboard focus; "Show them" lists it first.
        var news = triage.Locator("#triage-news");
        await Expect(news).ToContainTextAsync("1 new report");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToBeFocusedAsync();
        foreach (var page in new[] { dashboard, triage, incidents })
            Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was not reloaded");
        if (screenshot is not null)
        {
            await Chromium.ScreenshotAsync(dashboard, "dashboard-" + screenshot);
            await Chromium.ScreenshotAsync(triage, "triage-" + screenshot);
            Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(triage));
        }
        await news.GetByRole(AriaRole.Link, new() { Name = "Show them" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync(second);
        await Expect(triage.Locator("[data-report-status]")).ToHaveTextAsync("New");
        await Expect(triage.GetByRole(AriaRole.Heading, new() { Name = $"Report {first}" })).ToBeVisibleAsync(); // the report chosen before stays selected
        await incidents.Locator("#incident-news").GetByRole(AriaRole.Link, new() { Name = "Refresh the list" }).ClickAsync();
        await Expect(table).ToHaveCountAsync(2);
        Assert.Empty(chromium.PageErrors);
        return dashboard;
    }

    private static async Task<string> SubmitAsync(HttpClient anonymous, string description)
    {
        var submitted = await anonymous.PostAsJsonAsync("/api/v1/reports", new { description, latitude = 4.4, longitude = 18.6, missionCode = TestMission.Code });
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
    }
}
