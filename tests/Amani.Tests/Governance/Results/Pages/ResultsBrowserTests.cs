using Amani.Governance.Results;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Amani.Tests.Governance.Results.Pages;

/// <summary>The results pages in Chromium: from the plan tree to an indicator's chart to its grid, each page free of serious accessibility violations.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ResultsBrowserTests(Chromium chromium)
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_planning_officer_goes_from_the_plan_to_an_indicator_and_enters_its_value(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        await app.WithScopeAsync(async services =>
        {
            var indicator = await ResultsPageData.CreateIndicatorAsync(services, "MEETINGS", IndicatorType.Count, IndicatorDirection.HigherIsBetter);
            await ResultsPageData.CreatePlanAsync(services, planner.Id, indicator);
            await ResultsPageData.SetTargetsAsync(services, indicator, 2, ("202402", 10), ("202403", 12));
            await ResultsPageData.EnterAsync(services, indicator, "202402", 8);
            return 0;
        });

        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(planner, $"/missions/{TestMission.Code}/results");
        var line = page.Locator("li[data-code='MEETINGS']");
        await Expect(line.Locator(".status-badge")).ToHaveTextAsync("Off track");
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "results-plan-" + provider);

        await line.GetByRole(AriaRole.Link, new() { Name = "MEETINGS" }).ClickAsync();
        await Expect(page.Locator("#indicator-chart circle.actual-point")).ToHaveCountAsync(1);
        await Expect(page.Locator("#indicator-chart circle.target-point")).ToHaveCountAsync(2);
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "results-indicator-" + provider);

        await page.GetByRole(AriaRole.Link, new() { Name = "Enter values" }).ClickAsync();
        await page.GetByLabel("Period").SelectOptionAsync("202403");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.GetByLabel("Value — Whole mission").FillAsync("13");
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the values" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Saved: 1 value(s) written, 0 unchanged.");

        await page.GotoAsync($"/missions/{TestMission.Code}/results");
        await Expect(line.Locator(".status-badge")).ToHaveTextAsync("On track");
    }
}
