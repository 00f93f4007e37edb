using Amani.Governance.Results;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Amani.Tests.Governance.Results.Public;

/// <summary>The indicator page's map by area in Chromium: an area's tooltip opens with its value, its name (holding markup) as text.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IndicatorMapBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task Hovering_an_area_opens_a_tooltip_with_its_latest_value_and_its_name_as_text()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await PublicResultsWorld.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        var id = await app.WithScopeAsync(services => services.GetRequiredService<AmaniDbContext>().Set<Indicator>()
            .Where(i => i.Code == PublicResultsWorld.Security).Select(i => i.Id).SingleAsync());

        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(planner, $"/missions/{TestMission.Code}/results/indicators/{id}");
        await Expect(page.Locator("#area-map")).ToHaveAttributeAsync("data-ready", "true");
        var areas = page.Locator("#area-map path.leaflet-interactive");
        await Expect(areas).ToHaveCountAsync(3);
        await areas.Nth(1).HoverAsync(); // CF.BB, the second by P-code
        var tooltip = page.Locator("#area-map .leaflet-tooltip");
        await Expect(tooltip).ToHaveTextAsync($"{PublicResultsWorld.MarkupName} (CF.BB): 2 incidents");
        Assert.Equal(0, await tooltip.Locator("b").CountAsync());
        await Expect(page.Locator("#area-map-range")).ToHaveTextAsync("0 incidents – 2 incidents");
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "results-indicator-map");
    }
}
