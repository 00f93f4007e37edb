using System.Net;
using System.Text.Json;
using Amani.Governance.Results;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Results.Public;

/// <summary>
/// The indicator page's map by area (staff): the boundaries of the indicator's level with each area's value in the
/// latest period — not suppressed, staff see every figure — and the page carrying the map's element and script.
/// </summary>
public sealed class IndicatorMapTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_map_gives_each_areas_latest_value_and_the_indicator_page_carries_it_above_the_table(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await PublicResultsWorld.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        var client = await app.SignInAsync(planner);
        var id = await app.WithScopeAsync(services => services.GetRequiredService<AmaniDbContext>().Set<Indicator>()
            .Where(i => i.Code == PublicResultsWorld.Security).Select(i => i.Id).SingleAsync());

        var response = await client.GetAsync($"/api/v1/indicators/{id}/map?detail=coarse");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var map = JsonDocument.Parse(text).RootElement;
        Assert.Equal("202403", map.GetProperty("period").GetString());
        var areas = map.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("properties").GetProperty("pCode").GetString()!,
            f => f.GetProperty("properties"));
        Assert.Equal(["CF.AA", "CF.BB", "CF.CC"], areas.Keys.Order());
        Assert.Equal(1, areas["CF.AA"].GetProperty("value").GetDouble()); // staff see the figure the public page suppresses
        Assert.Equal(PublicResultsWorld.MarkupName, areas["CF.BB"].GetProperty("name").GetString());
        Assert.Equal("Polygon", map.GetProperty("features")[0].GetProperty("geometry").GetProperty("type").GetString());
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/indicators/{id}/map?detail=huge"), HttpStatusCode.BadRequest, "validation");

        var page = await client.GetStringAsync($"/missions/{TestMission.Code}/results/indicators/{id}");
        Assert.Contains($"data-url=\"/api/v1/indicators/{id}/map\"", page);
        Assert.Contains("/js/results-map.js", page);
        Assert.True(page.IndexOf("id=\"area-map\"", StringComparison.Ordinal) < page.IndexOf("id=\"area-values\"", StringComparison.Ordinal));
    }
}
