using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Amani.Tests.Register.Reporting.Pages.Journeys;

/// <summary>
/// The whole path of a community report through the pages, two people in two browsers: a resident reports on the public form
/// (a phone, in French), a duty officer finds the report in the triage queue, verifies it and replies, and the resident reads
/// the reply on the status page with the tracking code the form gave.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CommunityReportJourneyTests(Chromium chromium)
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_report_from_the_public_form_is_verified_and_answered_in_triage_and_the_reply_reaches_the_status_page(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var resident = await chromium.OpenAsync(app, locale: "fr-FR", viewport: new ViewportSize { Width = 390, Height = 844 });
        var earlier = await ReportOnTheFormAsync(resident, "Des coups de feu entendus la nuit près du pont.");
        var code = await ReportOnTheFormAsync(resident, "Des hommes armés ont arrêté le bus au marché de Boali.");
        Assert.NotEqual(earlier, code);

        var duty = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var officer = await chromium.OpenAsync(app);
        await officer.SignInAsync(duty, $"/missions/{TestMission.Code}/triage");
        await officer.Locator("[data-report-link]", new() { HasText = code }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Heading, new() { Name = $"Report {code}" })).ToBeVisibleAsync();
        await Expect(officer.Locator("main")).ToContainTextAsync("Des hommes armés ont arrêté le bus");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(officer.Locator("[data-report-status]")).ToHaveTextAsync("In review");
        await officer.GetByLabel("Reply to the reporter").FillAsync("Merci. Une patrouille passera au marché ce matin.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Your reply was stored");

        await resident.GotoAsync("/report/status");
        await resident.Locator("#code").FillAsync(code);
        await resident.Locator("main form button[type=submit]").ClickAsync();
        await Expect(resident.Locator("[data-status]")).ToHaveTextAsync("En cours d’examen");
        await Expect(resident.Locator(".message.from-mission .message-body")).ToHaveTextAsync("Merci. Une patrouille passera au marché ce matin.");

        await resident.GotoAsync("/report/status");
        await resident.Locator("#code").FillAsync(earlier);
        await resident.Locator("main form button[type=submit]").ClickAsync();
        await Expect(resident.Locator("[data-status]")).ToHaveTextAsync("Reçu"); // the other report was not touched
        await Expect(resident.Locator(".message.from-mission")).ToHaveCountAsync(0);
        Assert.Empty(chromium.PageErrors);
    }

    /// <summary>Fills the public form as a resident would (no map click, a place name instead) and returns the tracking code shown.</summary>
    private static async Task<string> ReportOnTheFormAsync(IPage page, string description)
    {
        await page.GotoAsync("/report");
        await page.Locator("#description").FillAsync(description);
        await page.Locator("#placeName").FillAsync("Boali");
        await page.Locator("main form button[type=submit]").ClickAsync();
        var code = page.Locator("#report-outcome [data-tracking-code]");
        await Expect(code).ToBeVisibleAsync();
        return (await code.InnerTextAsync()).Trim();
    }
}
