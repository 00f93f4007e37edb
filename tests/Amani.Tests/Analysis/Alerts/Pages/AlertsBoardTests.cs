using Amani.Platform.Access;
using Amani.Analysis.Alerts;
using Amani.Platform.Data;
using Amani.Tests.Analysis.Alerts;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Amani.Tests.Analysis.Alerts.Pages;

/// <summary>The alerts board in Chromium: an alert raised by a rule is acknowledged, answered and resolved; a new one appears live.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AlertsBoardTests(Chromium chromium)
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_duty_officer_acknowledges_answers_and_resolves_an_alert_and_sees_a_new_one_appear_without_reloading(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        await world.RuleAsync(new { name = "Clashes in Ouham", kind = "incidentCount", severity = "severe", areaPCode = AlertWorld.Ouham, threshold = 1, windowDays = 7 });
        await world.IncidentAsync(AlertWorld.InOuham, 0.5, confidentiality: "public");
        await world.RunAsync();
        var alert = await world.SingleAlertAsync();

        var page = await chromium.OpenAsync(world.App);
        await page.SignInAsync(world.Users[Role.DutyOfficer], "/missions/ALPHA/alerts");
        var card = page.Locator($"#alert-{alert.Id}");
        await Expect(card.GetByRole(AriaRole.Heading, new() { Name = alert.Headline })).ToBeVisibleAsync();
        await Expect(card.Locator(".status")).ToHaveTextAsync("Open");
        await Expect(card.Locator(".severity")).ToHaveTextAsync("Severe");
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = "Incident 1" })).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Start the response" })).ToHaveCountAsync(0); // not allowed yet
        await Chromium.ScreenshotAsync(page, "alerts-board-" + provider);
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));

        await card.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("The alert is acknowledged.");
        await Expect(card.Locator(".status")).ToHaveTextAsync("Acknowledged");
        await Expect(card.Locator(".alert-facts")).ToContainTextAsync(world.Users[Role.DutyOfficer].Email); // the acknowledger owns it now

        await card.GetByRole(AriaRole.Button, new() { Name = "Start the response" }).ClickAsync();
        await Expect(card.Locator(".status")).ToHaveTextAsync("Responding");
        await Expect(card.GetByText("Record at least one response action before resolving the alert.")).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Resolve" })).ToHaveCountAsync(0);

        await card.GetByLabel("Response action: what was done").FillAsync("Patrol sent to the market of Bossangoa");
        await card.GetByRole(AriaRole.Button, new() { Name = "Record the action" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("The response action is recorded.");
        await card.Locator("details.log summary").ClickAsync();
        await Expect(card.Locator("details.log")).ToContainTextAsync("Patrol sent to the market of Bossangoa");

        await card.GetByLabel("Outcome of the response").FillAsync("Calm restored; the patrol stays two days");
        await card.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("The alert is resolved.");
        await Expect(card).ToHaveCountAsync(0); // off the open board
        var resolved = await world.SingleAlertAsync();
        Assert.Equal((AlertStatus.Resolved, "Calm restored; the patrol stays two days"), (resolved.Status, resolved.Outcome));

        // Board open and listening: a rule raises a new alert elsewhere, and it appears without a reload.
        await Expect(page.Locator("#alert-news")).ToHaveAttributeAsync("data-live", "ready");
        var ombella = await world.RuleAsync(new { name = "Clashes in Ombella", kind = "incidentCount", severity = "moderate", areaPCode = AlertWorld.Ombella, threshold = 1, windowDays = 7 });
        await world.IncidentAsync(AlertWorld.InOmbella, 0.5, confidentiality: "public");
        var url = page.Url;
        await world.RunAsync();
        var fresh = (await world.AlertsAsync()).Single(a => a.RuleId == ombella);
        await Expect(page.Locator($"#alert-{fresh.Id}").GetByRole(AriaRole.Heading, new() { Name = fresh.Headline })).ToBeVisibleAsync();
        Assert.Equal(url, page.Url);

        await page.GotoAsync("/missions/ALPHA/alerts?closed=true");
        await Expect(page.Locator($"#alert-{alert.Id}")).ToContainTextAsync("Calm restored; the patrol stays two days");
        Assert.Empty(chromium.PageErrors);
        await page.Context.CloseAsync();
    }
}
