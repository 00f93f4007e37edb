using System.Net;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;
using static Amani.Tests.Governance.Surveys.Rounds.RoundWorld;

namespace Amani.Tests.Governance.Surveys.Rounds;

/// <summary>The round page: the design, the estimates by area with their interval and n, without script.</summary>
public sealed class RoundPageTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_page_shows_the_design_and_the_weighted_share_by_area(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await world.SendHandDesignAsync();
        var (id, _) = await world.CreateRoundAsync();
        var page = await world.World.Analyst.GetAsync($"/missions/{SurveyWorld.Mission}/surveys/{world.World.SurveyId}/rounds/{id}?question=safe_night&by=area");
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("id=\"round-design\"", html);
        var table = html[html.IndexOf("id=\"round-estimates\"", StringComparison.Ordinal)..];
        Assert.Contains("50.0 %", table);        // A: 3 of 6 feel safe
        Assert.Contains("83.3 %", table);        // B: 5 of 6
        Assert.Contains("6 *", table);           // under the minimum cell size of 10
        Assert.DoesNotContain("<script", html[html.IndexOf("<main", StringComparison.Ordinal)..].Split("</main>")[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await world.World.Analyst.GetAsync($"/missions/{SurveyWorld.Mission}/surveys/{world.World.SurveyId}/rounds/{Guid.NewGuid()}")).StatusCode);
    }
}
