using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Reporting;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Amani.Tests.Register.Reporting.Pages.Public;

/// <summary>The public report form and status page, in Chromium: without JavaScript, with it, offline, in English and French.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicReportPagesTests(Chromium chromium)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Without_JavaScript_a_wrong_field_is_explained_next_to_it_nothing_is_stored_and_the_corrected_report_gets_a_code(
        DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var page = await chromium.OpenAsync(app, javaScriptEnabled: false, viewport: Phone);

        await page.GotoAsync("/report");
        await Expect(page.GetByLabel("Mission", new() { Exact = true })).ToHaveValueAsync(TestMission.Code);
        await page.GetByLabel("What happened?").FillAsync("Armed men stopped the bus at the bridge and took two passengers.");
        await page.GetByLabel("When did it happen? (optional)").FillAsync("2025-03-14T16:30");
        await page.GetByLabel("Place (village, neighbourhood, road) — optional").FillAsync("Pont de Boali");
        await page.GetByLabel("Phone number").FillAsync("call me maybe");
        var refused = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        await Expect(page.Locator("#phone-error")).ToHaveTextAsync("Give a phone number of digits, optionally starting with +.");
        await Expect(page.GetByLabel("Phone number")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("What happened?")).ToHaveValueAsync("Armed men stopped the bus at the bridge and took two passengers.");
        Assert.Equal(0, await app.WithDbAsync(db => db.CommunityReports.CountAsync()));
        if (provider == DatabaseProvider.Sqlite)
            await Chromium.ScreenshotAsync(page, "report-errors-mobile");

        await page.GetByLabel("Phone number").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you — your report was received" })).ToBeVisibleAsync();
        var code = await page.Locator("[data-tracking-code]").InnerTextAsync();
        Assert.NotNull(TrackingCode.Normalize(code));

        var stored = await app.WithDbAsync(db => db.CommunityReports.SingleAsync());
        Assert.Equal(TrackingCode.Normalize(code), stored.TrackingCode);
        Assert.Equal(ReportChannel.WebForm, stored.Channel);
        Assert.Equal("Pont de Boali", stored.PlaceName);
        Assert.Null(stored.ContactProtected);
        Assert.Equal("en", stored.Language);
        Assert.Equal(new DateTime(2025, 3, 14, 15, 30, 0, DateTimeKind.Utc), stored.OccurredAt); // 16:30 in Bangui (UTC+1)

        await page.GetByRole(AriaRole.Link, new() { Name = "Follow your report" }).ClickAsync();
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("Received");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task With_JavaScript_a_place_picked_on_the_map_is_reported_and_the_status_page_shows_the_staff_reply(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var page = await chromium.OpenAsync(app);

        await page.GotoAsync("/report");
        var map = page.Locator("#report-map");
        await Expect(map.Locator("path.leaflet-interactive")).ToHaveCountAsync(1); // the province's boundary, as a vector
        await map.ClickAsync();
        await Expect(page.GetByLabel("Latitude")).Not.ToHaveValueAsync("");
        var latitude = double.Parse(await page.GetByLabel("Latitude").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("What happened?").FillAsync("A market stall was burnt down during the night.");
        await page.GetByLabel("Phone number").FillAsync("+236 70 00 00 00");
        await page.GetByLabel("I agree that the mission may contact me about this report.").CheckAsync();
        var sent = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync(),
            r => r.Url.EndsWith("/api/v1/reports"));
        Assert.Equal(201, sent.Status);
        var code = await page.Locator("#report-outcome [data-tracking-code]").InnerTextAsync();

        var stored = await app.WithDbAsync(db => db.CommunityReports.SingleAsync());
        Assert.Equal(TrackingCode.Normalize(code), stored.TrackingCode);
        Assert.Equal(ReportChannel.Web, stored.Channel);
        Assert.Equal(latitude, stored.Latitude!.Value, 4);
        Assert.InRange(stored.Latitude.Value, 4, 5); // inside the province the map was fitted to
        Assert.NotNull(stored.AreaId);
        Assert.NotNull(stored.ContactProtected);
        Assert.DoesNotContain("70 00", stored.ContactProtected);

        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        Assert.Equal(HttpStatusCode.Created, (await TriageRequests.PostAsync(duty, stored.Id, "replies",
            new { body = "Thank you. A patrol will pass by this morning." })).StatusCode);

        await page.GotoAsync("/report/status");
        await page.GetByLabel("Tracking code").FillAsync(code.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the status" }).ClickAsync();
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("Under review");
        await Expect(page.Locator(".message.from-mission .message-body")).ToHaveTextAsync("Thank you. A patrol will pass by this morning.");
        Assert.Empty(chromium.PageErrors);
        if (provider == DatabaseProvider.Sqlite)
            await Chromium.ScreenshotAsync(page, "report-status");
    }

    [Fact]
    public async Task A_report_made_offline_is_queued_and_sent_exactly_once_when_the_connection_is_back()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var page = await chromium.OpenAsync(app, viewport: Phone);
        await page.GotoAsync("/report");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-offline-ready", "true");
        await page.ReloadAsync(); // now under the service worker, which keeps the page and its files
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-offline-ready", "true");

        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync(); // the form opens without a connection
        await page.GetByLabel("What happened?").FillAsync("Gunfire heard near the water point since dawn.");
        await page.GetByLabel("Place (village, neighbourhood, road) — optional").FillAsync("Quartier Boy-Rabe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        await Expect(page.Locator("[data-queued]")).ToBeVisibleAsync();
        Assert.Equal(1, await page.EvaluateAsync<int>(QueueLength));
        Assert.Equal(0, await app.WithDbAsync(db => db.CommunityReports.CountAsync()));
        await Chromium.ScreenshotAsync(page, "report-queued-mobile");

        await page.Context.SetOfflineAsync(false);
        await Expect(page.Locator("#report-outcome [data-tracking-code]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-queued]")).ToHaveCountAsync(0);
        var code = await page.Locator("#report-outcome [data-tracking-code]").InnerTextAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>(QueueLength));

        // Coming back (a reload, another "online") sends nothing more.
        await page.ReloadAsync();
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await Expect(page.Locator("#report-outcome [data-tracking-code]")).ToHaveCountAsync(0);
        var stored = await app.WithDbAsync(db => db.CommunityReports.SingleAsync());
        Assert.Equal(TrackingCode.Normalize(code), stored.TrackingCode);
        Assert.Equal("Quartier Boy-Rabe", stored.PlaceName);
        Assert.NotNull(stored.IdempotencyKeyHash);
        Assert.Empty(chromium.PageErrors);
    }

    private const string QueueLength = """
        () => new Promise((resolve, reject) => {
          const open = indexedDB.open("amani-report-queue", 1);
          open.onsuccess = () => { const count = open.result.transaction("reports").objectStore("reports").count(); count.onsuccess = () => resolve(count.result); };
          open.onerror = () => reject(open.error);
        })
        """;

    [Theory]
    [InlineData("en-GB", "Report an incident", "Follow a report", "There is no report with this tracking code")]
    [InlineData("fr-FR", "Signaler un incident", "Suivre un signalement", "Il n’y a aucun signalement avec ce code de suivi")]
    public async Task The_report_pages_have_no_serious_accessibility_violations(string locale, string reportTitle, string statusTitle, string wrongCode)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var page = await chromium.OpenAsync(app, locale);
        var language = locale[..2];

        await page.GotoAsync("/report");
        await Expect(page.Locator("h1")).ToHaveTextAsync(reportTitle);
        await Expect(page.Locator("#report-map path.leaflet-interactive")).ToHaveCountAsync(1);
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "report-" + language);

        var mobile = await chromium.OpenAsync(app, locale, viewport: Phone);
        await mobile.GotoAsync("/report");
        await Chromium.ScreenshotAsync(mobile, "report-mobile-" + language);

        await page.GotoAsync("/report/status");
        await Expect(page.Locator("h1")).ToHaveTextAsync(statusTitle);
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        var wrong = await page.GotoAsync("/report/status?code=AAAA-BBBB-CCCC");
        Assert.Equal(404, wrong!.Status);
        await Expect(page.Locator("#code-error")).ToContainTextAsync(wrongCode);
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "report-status-wrong-code-" + language);
        Assert.Empty(chromium.PageErrors);
    }
}
