using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;
using static Amani.Tests.Governance.Surveys.Rounds.RoundWorld;

namespace Amani.Tests.Governance.Surveys.Rounds;

/// <summary>
/// The published figures of a round: anonymous, found only once published (an audited change), a cell under the
/// minimum cell size carries nothing but its area and the word suppressed, areas at admin-2 at most, never a sensitive
/// survey's round.
/// </summary>
public sealed class PublicRoundTests
{
    private static string Public(Guid round) =>
        $"/api/v1/public/missions/{SurveyWorld.Mission}/surveys/rounds/{round}/analysis?question=safe_night&choice=safe&by=area";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_published_round_shows_cells_of_enough_respondents_and_a_suppressed_cell_reveals_nothing(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await world.SendHandDesignAsync();
        await world.SendAsync(Enumerable.Range(0, 6).Select(i => Respondent(B, i % 2 == 0 ? "v3" : "v4", i < 4 ? "safe" : "unsafe")).ToArray());
        var (id, etag) = await world.CreateRoundAsync();          // minimum cell size 10: A has 6 respondents, B 12
        using var anonymous = new HttpClient { BaseAddress = world.World.Planner.BaseAddress };
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(Public(id))).StatusCode);   // not published yet

        Assert.Equal(HttpStatusCode.Forbidden, (await RoundApiTests.Send(world.World.Analyst, HttpMethod.Post, $"{world.Rounds}/{id}/publication", etag,
            JsonContent.Create(new { published = true }))).StatusCode);
        var published = await RoundApiTests.Send(world.World.Planner, HttpMethod.Post, $"{world.Rounds}/{id}/publication", etag,
            JsonContent.Create(new { published = true }));
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());

        var answer = await anonymous.GetAsync(Public(id));
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, text);
        var cells = JsonDocument.Parse(text).RootElement.GetProperty("estimates").EnumerateArray().ToDictionary(e => e.GetProperty("area").GetString()!);
        var suppressed = cells[A];
        Assert.True(suppressed.GetProperty("suppressed").GetBoolean());
        foreach (var hidden in new[] { "n", "value", "lower", "upper" })
            Assert.Equal(JsonValueKind.Null, suppressed.GetProperty(hidden).ValueKind);
        Assert.DoesNotContain("0.5", suppressed.ToString());     // the staff value of A (3 of 6) appears nowhere
        var shown = cells[B];
        Assert.False(shown.GetProperty("suppressed").GetBoolean());
        Assert.Equal(12, shown.GetProperty("n").GetInt32());
        Assert.Equal(9.0 / 12, shown.GetProperty("value").GetDouble(), 9);
        Assert.DoesNotContain("village", text);
        Assert.DoesNotContain("v3", text);

        var bySex = await anonymous.GetAsync(Public(id).Replace("by=area", "by=sex"));
        Assert.Equal(HttpStatusCode.BadRequest, bySex.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_round_with_strata_below_admin_2_or_of_a_sensitive_survey_is_never_published(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await world.SendHandDesignAsync();
        var (id, etag) = await world.CreateRoundAsync();
        var village = await RoundApiTests.Send(world.World.Planner, HttpMethod.Put, $"{world.Rounds}/{id}", etag,
            JsonContent.Create(new { strata = new[] { new { pcode = Village, population = 100.0 } } }));
        Assert.Equal(HttpStatusCode.OK, village.StatusCode);
        var refused = await RoundApiTests.Send(world.World.Planner, HttpMethod.Post, $"{world.Rounds}/{id}/publication", village.Headers.ETag!.Tag,
            JsonContent.Create(new { published = true }));
        Assert.Contains("admin level 2 at most", (await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "validation")).ToString());

        var (other, otherTag) = await world.CreateRoundAsync(world.Design("other"));
        Assert.Equal(HttpStatusCode.OK, (await RoundApiTests.Send(world.World.Planner, HttpMethod.Post, $"{world.Rounds}/{other}/publication", otherTag,
            JsonContent.Create(new { published = true }))).StatusCode);
        var survey = await world.World.Planner.GetAsync($"{SurveyWorld.Api}/surveys/{world.World.SurveyId}");
        var name = (await survey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString();
        Assert.Equal(HttpStatusCode.OK, (await RoundApiTests.Send(world.World.Planner, HttpMethod.Put, $"{SurveyWorld.Api}/surveys/{world.World.SurveyId}",
            survey.Headers.ETag!.Tag, JsonContent.Create(new { name, sensitive = true }))).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = world.World.Planner.BaseAddress };
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(Public(other))).StatusCode);   // the survey became sensitive
    }
}
