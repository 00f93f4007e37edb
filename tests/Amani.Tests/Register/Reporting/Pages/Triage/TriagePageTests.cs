using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;
using Amani.Register.Reporting;

namespace Amani.Tests.Register.Reporting.Pages.Triage;

/// <summary>The triage queue page in Chromium: a public report found, verified and answered; the keyboard; a stale page; who may use it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TriagePageTests(Chromium chromium)
{
    private const string Queue = "/missions/" + TestMission.Code + "/triage";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_public_report_appears_is_verified_and_answered_and_the_reporter_sees_the_reply(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var anonymous = app.CreateClient();
        var code = await SubmitAsync(anonymous, "Armed men stopped the bus at the market", withContact: true);
        var duty = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(duty, Queue);

        await Expect(page.Locator("[data-report-link]").First).ToContainTextAsync(code);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Report {code}" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-report-status]")).ToHaveTextAsync("New");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("+236");
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "triage-" + provider);

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The report was verified: it is now in review.");
        await Expect(page.Locator("[data-report-status]")).ToHaveTextAsync("In review");

        await page.GetByLabel("Reply to the reporter").FillAsync("Merci, une patrouille est en route.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your reply was stored");
        await Expect(page.Locator(".messages")).ToContainTextAsync("Merci, une patrouille est en route.");

        var seen = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{code}");
        Assert.Equal("underReview", seen.GetProperty("status").GetString());
        var reply = Assert.Single(seen.GetProperty("messages").EnumerateArray());
        Assert.Equal("mission", reply.GetProperty("from").GetString());
        Assert.Equal("Merci, une patrouille est en route.", reply.GetProperty("body").GetString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Reveal the reporter's contact (recorded in the audit log)" }).ClickAsync();
        await Expect(page.Locator("[data-contact]")).ToContainTextAsync("+236 70 01 02 03");
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ActionCode == AuditCodes.ReportContactRevealed)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ActionCode == AuditCodes.ReportStatusChanged)));
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task The_keyboard_moves_the_selection_verifies_assigns_and_opens_the_reply_box()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var anonymous = app.CreateClient();
        var oldest = await SubmitAsync(anonymous, "Oldest: smoke over the village");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var middle = await SubmitAsync(anonymous, "Middle: gunfire heard at night");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var newest = await SubmitAsync(anonymous, "Newest: road blocked by a checkpoint");
        var duty = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(duty, Queue);

        var rows = page.Locator("[data-report-link]");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0)).ToContainTextAsync(newest);
        await Expect(rows.Nth(2)).ToContainTextAsync(oldest);
        await Expect(rows.Nth(0)).ToBeFocusedAsync();
        await Expect(page.Locator(".triage-keys")).ToContainTextAsync("next report");

        await page.Keyboard.PressAsync("j");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Report {middle}" })).ToBeVisibleAsync();
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("aria-current", "true");
        await Expect(rows.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Report {oldest}" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("k");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Report {middle}" })).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("r");
        await Expect(page.GetByLabel("Reply to the reporter")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("vx"); // typed into the reply box, not taken as shortcuts
        await Expect(page.GetByLabel("Reply to the reporter")).ToHaveValueAsync("vx");
        await page.Keyboard.PressAsync("Escape");
        await Expect(rows.Nth(1)).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("v");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The report was verified: it is now in review.");
        await Expect(page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
        await Expect(page.Locator("[data-report-status]")).ToHaveTextAsync("In review");
        await page.Keyboard.PressAsync("a");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The assignment was saved.");
        await Expect(page.Locator("[data-report-assignee]")).Not.ToHaveTextAsync("nobody");
        var middleReport = await app.WithDbAsync(db => db.CommunityReports.SingleAsync(r => r.Description.StartsWith("Middle")));
        Assert.Equal(duty.Id, middleReport.AssignedToUserId);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ActionCode == AuditCodes.ReportAssigned)));
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task A_report_changed_since_the_page_was_opened_is_not_overwritten_and_the_page_says_so()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        await SubmitAsync(app.CreateClient(), "A report two officers look at together");
        var duty = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(duty, Queue);
        await Expect(page.Locator("[data-report-status]")).ToHaveTextAsync("New");

        var other = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var id = await app.WithDbAsync(db => db.CommunityReports.Select(r => r.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await TriageRequests.PostAsync(other, id, "status", new { status = "closed" })).StatusCode);

        var answer = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal(409, answer.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone changed this report since you opened the page; nothing was saved.");
        await Expect(page.Locator("[data-report-status]")).ToHaveTextAsync("Closed");
        Assert.Equal("Closed", (await app.WithDbAsync(db => db.CommunityReports.SingleAsync())).Status.ToString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Reopen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The report was reopened.");
    }

    [Fact]
    public async Task An_analyst_reads_the_queue_without_actions_and_a_field_officer_does_not_find_it()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var code = await SubmitAsync(app.CreateClient(), "Looting reported at the health centre", withContact: true);

        var analystPage = await chromium.OpenAsync(app);
        await analystPage.SignInAsync(await app.CreateUserAsync(Role.Analyst, TestMission.Code), Queue);
        await Expect(analystPage.Locator("[data-report-link]").First).ToContainTextAsync(code);
        await Expect(analystPage.GetByRole(AriaRole.Button, new() { Name = "Verify" })).ToHaveCountAsync(0);
        await Expect(analystPage.GetByRole(AriaRole.Button, new() { Name = "Send reply" })).ToHaveCountAsync(0);
        await Expect(analystPage.GetByText("Reveal the reporter's contact")).ToHaveCountAsync(0);

        var fieldPage = await chromium.OpenAsync(app);
        await fieldPage.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));
        var refused = await fieldPage.GotoAsync(Queue);
        Assert.Equal(404, refused!.Status);
        await Expect(fieldPage.Locator("main")).Not.ToContainTextAsync(code);
    }

    private static async Task<string> SubmitAsync(HttpClient anonymous, string description, bool withContact = false)
    {
        var submitted = await anonymous.PostAsJsonAsync("/api/v1/reports", new
        {
            description, latitude = 4.4, longitude = 18.6, language = "fr",
            contact = withContact ? new { phone = "+236 70 01 02 03" } : null, consentToContact = withContact,
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
    }
}
