using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;
using static Amani.Tests.Governance.Surveys.Rounds.RoundWorld;

namespace Amani.Tests.Governance.Surveys.Rounds;

/// <summary>
/// Survey rounds for staff: the design stored and changed under If-Match, populations imported from CSV, bad input
/// refused naming the field and storing nothing, and the weighted analysis of stored submissions equal to the value and
/// interval computed by hand for a small stratified cluster design.
/// </summary>
public sealed class RoundApiTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_round_is_created_changed_under_If_Match_and_its_populations_imported_from_CSV(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var (id, etag) = await world.CreateRoundAsync();
        var round = await world.World.Analyst.GetFromJsonAsync<JsonElement>($"{world.Rounds}/{id}");
        Assert.Equal("village", round.GetProperty("clusterQuestion").GetString());
        Assert.Equal(2, round.GetProperty("strata").GetArrayLength());
        Assert.False(round.GetProperty("approvedOnly").GetBoolean());

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await world.World.Planner.PutAsJsonAsync($"{world.Rounds}/{id}", new { minimumCellSize = 50 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.World.Field.PutAsJsonAsync($"{world.Rounds}/{id}", new { minimumCellSize = 50 })).StatusCode);
        var changed = await Send(world.World.Planner, HttpMethod.Put, $"{world.Rounds}/{id}", etag, JsonContent.Create(new { minimumCellSize = 50 }));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(50, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("minimumCellSize").GetInt32());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Send(world.World.Planner, HttpMethod.Put, $"{world.Rounds}/{id}", etag,
            JsonContent.Create(new { minimumCellSize = 40 }))).StatusCode);

        var csv = new StringContent($"pcode,population,clusters_sampled,respondents_per_cluster\n{A},1200,2,3\n{B},2800,,\n", Encoding.UTF8, "text/csv");
        var imported = await Send(world.World.Planner, HttpMethod.Put, $"{world.Rounds}/{id}/populations", changed.Headers.ETag!.Tag, csv);
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var strata = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("strata");
        Assert.Equal(1200, strata[0].GetProperty("population").GetDouble());
        Assert.Equal(2, strata[0].GetProperty("clustersSampled").GetInt32());
        Assert.Equal(JsonValueKind.Null, strata[1].GetProperty("clustersSampled").ValueKind);

        var bad = new StringContent($"pcode,population\n{A},many\n", Encoding.UTF8, "text/csv");
        var refused = await Send(world.World.Planner, HttpMethod.Put, $"{world.Rounds}/{id}/populations", imported.Headers.ETag!.Tag, bad);
        Assert.Contains("Line 2, column population", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var list = await world.World.Field.GetFromJsonAsync<JsonElement>(world.Rounds);
        Assert.Equal(1200, list.GetProperty("items")[0].GetProperty("strata")[0].GetProperty("population").GetDouble());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_design_naming_a_missing_or_wrong_question_is_refused_naming_the_field_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        async Task Refused(object design, string field)
        {
            var answer = await world.World.Planner.PostAsJsonAsync(world.Rounds, design);
            var body = await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.BadRequest, "validation");
            Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        }
        var today = DateOnly.FromDateTime(world.World.App.Clock.GetUtcNow().UtcDateTime);
        var design = new { name = "R", xmlFormId = FormId, fieldworkStart = today, fieldworkEnd = today, stratumQuestion = "area", clusterQuestion = "village" };
        await Refused(design with { stratumQuestion = "village" }, "stratumQuestion");    // a text, not a select_one of P-codes
        await Refused(design with { clusterQuestion = "nowhere" }, "clusterQuestion");
        await Refused(design with { fieldworkEnd = today.AddDays(-1) }, "fieldworkEnd");
        await Refused(new { design.name, design.xmlFormId, design.fieldworkStart, design.fieldworkEnd, design.stratumQuestion, design.clusterQuestion,
            strata = new[] { new { pcode = A, population = 0.0 } } }, "strata[0].population");
        Assert.Equal(0, (await world.World.Planner.GetFromJsonAsync<JsonElement>(world.Rounds)).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await world.World.Analyst.PostAsJsonAsync(world.Rounds, world.Design())).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_weighted_share_and_its_interval_equal_the_values_computed_by_hand(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await world.SendHandDesignAsync();
        await world.SendAsync(Respondent(A, "v1", "unsafe", consent: "no"));   // did not consent: does not count
        var (id, _) = await world.CreateRoundAsync();

        var analysis = await world.World.Analyst.GetFromJsonAsync<JsonElement>($"{world.Rounds}/{id}/analysis?question=safe_night&choice=safe");
        var design = analysis.GetProperty("design");
        Assert.Equal(13, design.GetProperty("submissions").GetInt32());
        Assert.Equal(12, design.GetProperty("respondents").GetInt32());
        Assert.Equal(1, design.GetProperty("leftOut").GetInt32());
        Assert.Equal(4, design.GetProperty("clusters").GetInt32());
        var overall = Assert.Single(analysis.GetProperty("estimates").EnumerateArray());
        // By hand: w_A = 1000/6, w_B = 3000/6 = 500. Y = 3·1000/6 + 5·500 = 3000, X = 4000, R = 0.75.
        // z_hi = (Y_hi − R·X_hi)/X: A {(333.3−375), (166.7−375)}, B {(1500−1125), (1000−1125)} ÷ 4000.
        double[][] z = [[(2000.0 / 6 - 375) / 4000, (1000.0 / 6 - 375) / 4000], [375.0 / 4000, -125.0 / 4000]];
        var variance = z.Sum(h => 2.0 / (2 - 1) * h.Sum(v => (v - h.Average()) * (v - h.Average())));
        var se = Math.Sqrt(variance);                                   // 0.131762
        const double t975df2 = 4.302653;                                // clusters − strata = 2 degrees of freedom
        Assert.Equal(0.75, overall.GetProperty("value").GetDouble(), 9);
        Assert.Equal(se, overall.GetProperty("standardError").GetDouble(), 9);
        Assert.Equal(0.75 - t975df2 * se, overall.GetProperty("lower").GetDouble(), 5);
        Assert.Equal(1.0, overall.GetProperty("upper").GetDouble(), 9);  // 1.317 clipped to 1
        Assert.Equal(12, overall.GetProperty("n").GetInt32());

        var byArea = await world.World.Analyst.GetFromJsonAsync<JsonElement>($"{world.Rounds}/{id}/analysis?question=safe_night&choice=safe&by=area");
        var cells = byArea.GetProperty("estimates").EnumerateArray().ToDictionary(e => e.GetProperty("domain").GetProperty("area").GetString()!);
        Assert.Equal(0.5, cells[A].GetProperty("value").GetDouble(), 9);
        Assert.Equal(5.0 / 6, cells[B].GetProperty("value").GetDouble(), 9);
        Assert.True(cells[A].GetProperty("belowMinimum").GetBoolean());  // 6 < 10: shown to staff, flagged

        var byAge = await world.World.Analyst.GetFromJsonAsync<JsonElement>($"{world.Rounds}/{id}/analysis?question=safe_night&by=age");
        Assert.Contains(byAge.GetProperty("estimates").EnumerateArray(), e => e.GetProperty("domain").GetProperty("age").GetString() == "50+");
        var wrong = await world.World.Analyst.GetAsync($"{world.Rounds}/{id}/analysis?question=village");
        Assert.Contains("not an analysable question", await wrong.Content.ReadAsStringAsync());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Two_rounds_are_compared_and_a_sensitive_surveys_rounds_are_its_teams_only(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await world.SendHandDesignAsync();
        var (first, _) = await world.CreateRoundAsync(world.Design("first"));
        var (second, _) = await world.CreateRoundAsync(world.Design("second"));
        var compared = await world.World.Analyst.GetFromJsonAsync<JsonElement>($"{world.Rounds}/compare?from={first}&to={second}&question=safe_night&choice=safe");
        var change = Assert.Single(compared.GetProperty("changes").EnumerateArray());
        Assert.Equal(0, change.GetProperty("difference").GetDouble(), 9);      // the same respondents: no change
        Assert.False(change.GetProperty("significant").GetBoolean());

        var survey = await world.World.Planner.GetAsync($"{SurveyWorld.Api}/surveys/{world.World.SurveyId}");
        var body = await survey.Content.ReadFromJsonAsync<JsonElement>();
        var sensitive = await Send(world.World.Planner, HttpMethod.Put, $"{SurveyWorld.Api}/surveys/{world.World.SurveyId}", survey.Headers.ETag!.Tag,
            JsonContent.Create(new { name = body.GetProperty("name").GetString(), sensitive = true }));
        Assert.Equal(HttpStatusCode.OK, sensitive.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.World.Analyst.GetAsync($"{world.Rounds}/{first}/analysis?question=safe_night")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.World.Analyst.GetAsync(world.Rounds)).StatusCode);
    }

    public static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string etag, HttpContent content)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request);
    }
}
