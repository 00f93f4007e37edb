using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Analysis.Dashboard;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Amani.Tests.Analysis.Dashboard.Pages;

/// <summary>The mission dashboard in Chromium: clusters of seeded incidents, zooming in splits them, a point opens its incident, filters.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardPageTests(Chromium chromium)
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_map_clusters_incidents_splits_them_when_zooming_in_and_a_point_opens_its_incident(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var user = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var api = await app.SignInAsync(user);
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
            ids.Add(await MapClustersApiTests.RecordAsync(api, MapClustersApiTests.Incident(4.3 + i * 0.08, 18.3 + i * 0.08,
                i < 4 ? "battles.armed-clash" : "protests.peaceful-protest", source: i < 4 ? "patrol" : "media")));

        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(user, $"/missions/{TestMission.Code}");
        var map = page.Locator("#map");
        await Expect(map).ToHaveAttributeAsync("data-state", "ready");
        await Expect(map).ToHaveAttributeAsync("data-total", "6");
        var clusters = page.Locator(".map-cluster");
        await Expect(clusters.First).ToBeVisibleAsync();
        var counted = await page.EvaluateAsync<int>(
            "[...document.querySelectorAll('.map-cluster, .map-point')].reduce((n, m) => n + (m.classList.contains('map-point') ? 1 : +m.textContent), 0)");
        Assert.Equal(6, counted); // the clusters of the framed view hold every incident, none twice
        Assert.True(await clusters.CountAsync() < 6, "six incidents this close together are shown in fewer than six clusters");
        await Chromium.ScreenshotAsync(page, "dashboard-" + provider);

        await page.GetByLabel("Source").SelectOptionAsync("media");
        await Expect(map).ToHaveAttributeAsync("data-total", "2");
        await page.GetByLabel("Source").SelectOptionAsync("");
        await Expect(map).ToHaveAttributeAsync("data-total", "6");

        // Zoom in by clicking clusters until they split into single incidents.
        for (var step = 0; step < 8 && await page.Locator(".map-point").CountAsync() == 0; step++)
        {
            var zoom = page.WaitForResponseAsync(r => r.Url.Contains("/map/clusters"));
            await page.Locator(".map-cluster").First.ClickAsync();
            await zoom;
            await Expect(map).ToHaveAttributeAsync("data-state", "ready");
        }
        var point = page.Locator(".map-point span").First;
        await Expect(point).ToBeVisibleAsync();
        var id = await point.GetAttributeAsync("data-id");
        Assert.Contains(Guid.Parse(id!), ids);
        await point.ClickAsync();
        await page.WaitForURLAsync($"**/missions/{TestMission.Code}/incidents/{id}");
        Assert.Empty(chromium.PageErrors);
    }
}
