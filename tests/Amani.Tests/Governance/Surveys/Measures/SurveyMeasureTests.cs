using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Foundation.Missions;
using Amani.Governance.Results.Computation;
using Amani.Platform.Data;
using Amani.Tests.Governance.Surveys.Rounds;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Governance.Surveys.Rounds.RoundWorld;

namespace Amani.Tests.Governance.Surveys.Measures;

/// <summary>
/// A survey question as a results-framework measure: defined on the survey (bad input refused naming the field), an
/// indicator computed from it equals the weighted share of the hand-checked round with its design-based 95 % interval —
/// for the whole mission and for each stratum's area — and a public indicator counts only published rounds.
/// </summary>
public sealed class SurveyMeasureTests
{
    private const double T975df2 = 4.302653;   // clusters − strata = 2 degrees of freedom

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_indicator_computed_from_a_survey_question_equals_the_hand_value_with_its_interval(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await world.SendHandDesignAsync();
        var today = DateOnly.FromDateTime(world.World.App.Clock.GetUtcNow().UtcDateTime);
        var design = new
        {
            name = "hand round", xmlFormId = FormId, fieldworkStart = today.AddDays(-7), fieldworkEnd = today, stratumQuestion = "area",
            clusterQuestion = "village", consentQuestion = "consent", minimumCellSize = 10,
            strata = new[] { new { pcode = A, population = 1000.0 }, new { pcode = B, population = 3000.0 } },
        };
        var (round, etag) = await world.CreateRoundAsync(design);
        var measures = $"{SurveyWorld.Api}/surveys/{world.World.SurveyId}/measures";

        async Task Refused(object input, string field)
        {
            var body = await ProblemAssert.IsProblemAsync(await world.World.Planner.PostAsJsonAsync(measures, input), HttpStatusCode.BadRequest, "validation");
            Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        }
        var good = new { slug = "feel-safe-at-night", name = "Share feeling safe at night", nameFr = "Part se sentant en sécurité la nuit", question = "safe_night", choices = new[] { "safe" } };
        await Refused(good with { slug = "Feel safe!" }, "slug");
        await Refused(good with { question = "village" }, "question");          // a text, not a select
        await Refused(good with { choices = new[] { "maybe" } }, "choices");
        Assert.Equal(HttpStatusCode.Forbidden, (await world.World.Analyst.PostAsJsonAsync(measures, good)).StatusCode);
        var created = await world.World.Planner.PostAsJsonAsync(measures, good);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal("surveys.feel-safe-at-night", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await world.World.Planner.PostAsJsonAsync(measures, good)).StatusCode);
        var listed = await world.World.Analyst.GetFromJsonAsync<JsonElement>(measures);
        Assert.Equal("safe_night", Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("question").GetString());

        async Task<Guid> IndicatorAsync(string code, bool isPublic)
        {
            var response = await world.World.Planner.PostAsJsonAsync($"{SurveyWorld.Api}/indicators", new
            {
                code, name = "Respondents who feel safe walking at night", unit = "%", type = "percentage", direction = "higherIsBetter",
                frequency = "yearly", areaLevel = 2, @public = isPublic, measure = new { key = "surveys.feel-safe-at-night" },
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var staff = await IndicatorAsync("SAFE-NIGHT", false);
        var published = await IndicatorAsync("SAFE-NIGHT-PUBLIC", true);
        await ComputeAsync(world);

        var values = await ValuesAsync(world, staff);
        var year = today.Year.ToString();
        // By hand (see RoundApiTests): R = 0.75, SE = 0.131762 with 2 degrees of freedom, upper 1.317 clipped to 1.
        double[][] z = [[(2000.0 / 6 - 375) / 4000, (1000.0 / 6 - 375) / 4000], [375.0 / 4000, -125.0 / 4000]];
        var se = Math.Sqrt(z.Sum(h => 2.0 * h.Sum(v => (v - h.Average()) * (v - h.Average()))));
        var whole = values[(year, "")];
        Assert.Equal(75, whole.GetProperty("value").GetDouble(), 6);
        Assert.Equal(100 * (0.75 - T975df2 * se), whole.GetProperty("low").GetDouble(), 3);
        Assert.Equal(100, whole.GetProperty("high").GetDouble(), 6);
        // Stratum B alone: R_B = 2500/3000 = 5/6; z = ±250/3000 in its two clusters, variance 2·2·(1/12)² = 1/36, SE = 1/6.
        var inB = values[(year, B)];
        Assert.Equal(100 * 5.0 / 6, inB.GetProperty("value").GetDouble(), 4);
        Assert.Equal(100 * (5.0 / 6 - T975df2 / 6), inB.GetProperty("low").GetDouble(), 3);
        Assert.Equal(100, inB.GetProperty("high").GetDouble(), 6);
        Assert.Equal(50, values[(year, A)].GetProperty("value").GetDouble(), 6);   // 0.5 ± 0.717: clipped to 0–100
        Assert.Equal(0, values[(year, A)].GetProperty("low").GetDouble(), 6);

        // The indicator page shows the value with its interval, for the whole mission and each area.
        var page = System.Net.WebUtility.HtmlDecode(await world.World.Planner.GetStringAsync($"/missions/{SurveyWorld.Mission}/results/indicators/{staff}"));
        var lowText = (100 * (0.75 - T975df2 * se)).ToString("#,0.##", System.Globalization.CultureInfo.GetCultureInfo("en"));
        Assert.Contains($"75 % ({lowText}–100)", page);
        Assert.Contains("50 % (0–100)", page);

        Assert.Empty(await ValuesAsync(world, published));   // the round is not published: a public indicator does not count it
        var publish = new HttpRequestMessage(HttpMethod.Post, $"{world.Rounds}/{round}/publication") { Content = JsonContent.Create(new { published = true }) };
        publish.Headers.TryAddWithoutValidation("If-Match", etag);
        var answer = await world.World.Planner.SendAsync(publish);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        await ComputeAsync(world);
        Assert.Equal(75, (await ValuesAsync(world, published))[(year, "")].GetProperty("value").GetDouble(), 6);

        // A survey made sensitive leaves public indicators at the next computation; staff ones keep counting it.
        var survey = await world.World.Planner.GetAsync($"{SurveyWorld.Api}/surveys/{world.World.SurveyId}");
        var name = (await survey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString();
        var sensitive = new HttpRequestMessage(HttpMethod.Put, $"{SurveyWorld.Api}/surveys/{world.World.SurveyId}") { Content = JsonContent.Create(new { name, sensitive = true }) };
        sensitive.Headers.TryAddWithoutValidation("If-Match", survey.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, (await world.World.Planner.SendAsync(sensitive)).StatusCode);
        await ComputeAsync(world);
        Assert.Empty(await ValuesAsync(world, published));
        Assert.Equal(75, (await ValuesAsync(world, staff))[(year, "")].GetProperty("value").GetDouble(), 6);
    }

    internal static Task ComputeAsync(RoundWorld world) => world.World.App.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AmaniDbContext>();
        var mission = db.Missions.Single(m => m.Code == SurveyWorld.Mission);
        await services.GetRequiredService<IndicatorComputer>().ComputeAsync(mission.Id, null, null, null, CancellationToken.None);
        return 0;
    });

    internal static async Task<Dictionary<(string Period, string Area), JsonElement>> ValuesAsync(RoundWorld world, Guid indicator)
    {
        var response = await world.World.Planner.GetAsync($"/api/v1/indicators/{indicator}/values");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Where(v => v.GetProperty("disaggregation").GetString() == "")
            .ToDictionary(v => (v.GetProperty("period").GetString()!, v.GetProperty("area").GetString()!));
    }
}
