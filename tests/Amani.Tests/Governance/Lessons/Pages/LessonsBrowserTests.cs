using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Amani.Tests.Governance.Lessons.Pages;

/// <summary>
/// The lessons pages in Chromium: the list, recording a lesson (refused, then saved without attribution), its page,
/// and finding it again by searching — each page free of serious accessibility violations.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LessonsBrowserTests(Chromium chromium)
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_duty_officer_records_a_lesson_without_attribution_and_finds_it_by_searching(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var duty = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var lessons = $"/missions/{TestMission.Code}/lessons";

        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(duty, lessons);
        await Expect(page.Locator("#no-lessons")).ToBeVisibleAsync();
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));

        // The form refuses a lesson without its recommendation, keeping what was typed.
        await page.GetByRole(AriaRole.Link, new() { Name = "Record a lesson or an after-action review" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Night calls went unanswered");
        await page.GetByLabel("Observation", new() { Exact = true }).FillAsync("Community focal points called the base after office hours; nobody answered.");
        await page.GetByLabel("Themes (separated by commas)").FillAsync("early warning, night");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("The lesson was not saved");
        await Expect(page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync("Night calls went unanswered");
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "lessons-refused-" + provider);

        // Saved without attribution: its page says so.
        await page.GetByLabel("Recommendation", new() { Exact = true }).FillAsync("Route the alert numbers to the duty phone around the clock.");
        await page.GetByLabel("Show me as its author (untick: nobody but you sees who wrote it)").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Night calls went unanswered");
        await Expect(page.Locator("#lesson-author")).ToContainTextAsync("Not attributed to its author.");
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "lessons-detail-" + provider);

        // Found again by a word of its text; the export link carries the search.
        await page.GotoAsync(lessons);
        await page.GetByLabel("Words").FillAsync("unanswered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var found = page.Locator("#lessons li");
        await Expect(found).ToHaveCountAsync(1);
        await Expect(page.Locator("#export-lessons")).ToHaveAttributeAsync("href", $"/api/v1/missions/{TestMission.Code}/lessons/export.csv?q=unanswered");
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "lessons-search-" + provider);
        await found.GetByRole(AriaRole.Link, new() { Name = "Night calls went unanswered" }).ClickAsync();
        await Expect(page.Locator("#lesson-author")).ToContainTextAsync("You wrote it.");

        await page.GotoAsync(lessons + "?q=checkpoint");
        await Expect(page.Locator("#no-lessons")).ToBeVisibleAsync();
    }
}
