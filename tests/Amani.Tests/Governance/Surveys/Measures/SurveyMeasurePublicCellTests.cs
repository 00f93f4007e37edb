using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Tests.Governance.Surveys.Rounds;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;
using static Amani.Tests.Governance.Surveys.Rounds.RoundWorld;

namespace Amani.Tests.Governance.Surveys.Measures;

/// <summary>
/// A public indicator over a survey applies the round's minimum cell size as the published round does: the value of an
/// area whose stratum has fewer respondents than the minimum is withheld (its respondents still count for the whole
/// mission), that of a stratum at the minimum is shown; a staff indicator shows both.
/// </summary>
public sealed class SurveyMeasurePublicCellTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_public_indicator_withholds_an_area_under_the_rounds_minimum_cell_size(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        // A: 6 respondents (3 feel safe), under the minimum of 10; B: 10 respondents (8 feel safe), at the minimum.
        await world.SendAsync(
            Respondent(A, "v1", "safe"), Respondent(A, "v1", "safe"), Respondent(A, "v1", "unsafe"),
            Respondent(A, "v2", "safe"), Respondent(A, "v2", "unsafe"), Respondent(A, "v2", "unsafe"),
            Respondent(B, "v3", "safe"), Respondent(B, "v3", "safe"), Respondent(B, "v3", "safe"), Respondent(B, "v3", "safe"), Respondent(B, "v3", "unsafe"),
            Respondent(B, "v4", "safe"), Respondent(B, "v4", "safe"), Respondent(B, "v4", "safe"), Respondent(B, "v4", "safe"), Respondent(B, "v4", "unsafe"));
        var today = DateOnly.FromDateTime(world.World.App.Clock.GetUtcNow().UtcDateTime);
        var (round, etag) = await world.CreateRoundAsync(new
        {
            name = "cell round", xmlFormId = FormId, fieldworkStart = today.AddDays(-7), fieldworkEnd = today, stratumQuestion = "area",
            clusterQuestion = "village", consentQuestion = "consent", minimumCellSize = 10,
            strata = new[] { new { pcode = A, population = 1000.0 }, new { pcode = B, population = 3000.0 } },
        });
        var publish = new HttpRequestMessage(HttpMethod.Post, $"{world.Rounds}/{round}/publication") { Content = JsonContent.Create(new { published = true }) };
        publish.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await world.World.Planner.SendAsync(publish)).StatusCode);
        var measure = await world.World.Planner.PostAsJsonAsync($"{SurveyWorld.Api}/surveys/{world.World.SurveyId}/measures",
            new { slug = "safe-cells", name = "Feel safe", nameFr = "En sécurité", question = "safe_night", choices = new[] { "safe" } });
        Assert.Equal(HttpStatusCode.Created, measure.StatusCode);

        async Task<Guid> IndicatorAsync(string code, bool isPublic)
        {
            var response = await world.World.Planner.PostAsJsonAsync($"{SurveyWorld.Api}/indicators", new
            {
                code, name = "Respondents who feel safe at night", unit = "%", type = "percentage", direction = "higherIsBetter",
                frequency = "yearly", areaLevel = 2, @public = isPublic, measure = new { key = "surveys.safe-cells" },
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var staff = await IndicatorAsync("CELL-STAFF", false);
        var open = await IndicatorAsync("CELL-PUBLIC", true);
        await SurveyMeasureTests.ComputeAsync(world);
        var year = today.Year.ToString();

        var published = await SurveyMeasureTests.ValuesAsync(world, open);
        Assert.False(published.ContainsKey((year, A)), "the area under the minimum cell size has a public value");
        Assert.Equal(80, published[(year, B)].GetProperty("value").GetDouble(), 6);
        // The whole mission still counts A's respondents: (1000·0.5 + 3000·0.8) ÷ 4000 = 72.5 %.
        Assert.Equal(72.5, published[(year, "")].GetProperty("value").GetDouble(), 6);
        var internalValues = await SurveyMeasureTests.ValuesAsync(world, staff);
        Assert.Equal(50, internalValues[(year, A)].GetProperty("value").GetDouble(), 6);
        Assert.Equal(80, internalValues[(year, B)].GetProperty("value").GetDouble(), 6);
    }
}
