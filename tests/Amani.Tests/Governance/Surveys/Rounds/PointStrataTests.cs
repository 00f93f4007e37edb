using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Governance.Surveys.Rounds.RoundWorld;

namespace Amani.Tests.Governance.Surveys.Rounds;

/// <summary>
/// A round whose stratum is a geopoint: each respondent's location is resolved to the round's stratum that contains it
/// (the deepest admin area covering the point, or its nearest ancestor among the strata), and the analysis equals that
/// of the same round given the P-codes; locations missing, in no admin area, or in no stratum are counted and shown.
/// </summary>
public sealed class PointStrataTests
{
    // A (CF.AA.01) is 18–18.5°E × 4–4.5°N, B (CF.AA.02) 18.5–19°E × 4–4.5°N, the village CF.AA.01.1 (admin-3, in A)
    // 18–18.2°E × 4–4.2°N; the province CF.AA (admin-1, not a stratum) covers 18–19°E × 4–5°N.
    private const string InVillage = "4.1 18.1 350 5", InA = "4.3 18.4 350 5", InB = "4.25 18.75 0 0", InProvinceOnly = "4.8 18.5 0 0", Nowhere = "10 10 0 0";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_round_stratified_by_location_equals_the_same_round_given_P_codes_and_counts_the_locations_left_out(DatabaseProvider provider)
    {
        await using var world = await StartWithBoundariesAsync(provider);
        // The hand-checked design of RoundWorld (weighted share feeling safe 0.75; A 0.5, B 5/6), each with its location.
        await world.SendAsync(
            Located(A, InVillage, "v1", "safe"), Located(A, InA, "v1", "safe"), Located(A, InVillage, "v1", "unsafe"),
            Located(A, InA, "v2", "safe"), Located(A, InA, "v2", "unsafe"), Located(A, InVillage, "v2", "unsafe"),
            Located(B, InB, "v3", "safe"), Located(B, InB, "v3", "safe"), Located(B, InB, "v3", "safe"),
            Located(B, InB, "v4", "safe"), Located(B, InB, "v4", "safe"), Located(B, InB, "v4", "unsafe"));
        // No P-code and a location that cannot give a stratum: left out of both rounds, and counted by reason in the located one.
        await world.SendAsync(Located("", "", "v1", "safe"), Located("", Nowhere, "v1", "safe"), Located("", InProvinceOnly, "v4", "unsafe"),
            Located("", "91 18.1 0 0", "v2", "safe"));
        var (byCode, _) = await world.CreateRoundAsync(Design(world, "by P-code", "area"));
        var (byPoint, _) = await world.CreateRoundAsync(Design(world, "by location", "location"));

        foreach (var by in new[] { "", "&by=area", "&by=sex" })
        {
            var coded = await world.World.Analyst.GetFromJsonAsync<JsonElement>($"{world.Rounds}/{byCode}/analysis?question=safe_night&choice=safe{by}");
            var located = await world.World.Analyst.GetFromJsonAsync<JsonElement>($"{world.Rounds}/{byPoint}/analysis?question=safe_night&choice=safe{by}");
            Assert.Equal(coded.GetProperty("estimates").ToString(), located.GetProperty("estimates").ToString());
        }
        var analysis = await world.World.Analyst.GetFromJsonAsync<JsonElement>($"{world.Rounds}/{byPoint}/analysis?question=safe_night&choice=safe&by=area");
        var cells = analysis.GetProperty("estimates").EnumerateArray().ToDictionary(e => e.GetProperty("domain").GetProperty("area").GetString()!);
        Assert.Equal(0.5, cells[A].GetProperty("value").GetDouble(), 9);       // the village's three respondents count in A
        Assert.Equal(5.0 / 6, cells[B].GetProperty("value").GetDouble(), 9);
        var design = analysis.GetProperty("design");
        Assert.Equal(16, design.GetProperty("submissions").GetInt32());
        Assert.Equal(12, design.GetProperty("respondents").GetInt32());
        Assert.Equal(4, design.GetProperty("leftOut").GetInt32());
        var points = design.GetProperty("points");
        Assert.Equal(2, points.GetProperty("noPoint").GetInt32());             // empty, and a latitude of 91
        Assert.Equal(1, points.GetProperty("outsideAreas").GetInt32());
        Assert.Equal(1, points.GetProperty("outsideStrata").GetInt32());       // in the province, in neither A nor B
        var overall = await world.World.Analyst.GetFromJsonAsync<JsonElement>($"{world.Rounds}/{byPoint}/analysis?question=safe_night&choice=safe");
        Assert.Equal(0.75, Assert.Single(overall.GetProperty("estimates").EnumerateArray()).GetProperty("value").GetDouble(), 9);
        var coded2 = await world.World.Analyst.GetFromJsonAsync<JsonElement>($"{world.Rounds}/{byCode}/analysis?question=safe_night");
        Assert.Equal(JsonValueKind.Null, coded2.GetProperty("design").GetProperty("points").ValueKind);

        var page = await world.World.Analyst.GetStringAsync($"/missions/{SurveyWorld.Mission}/surveys/{world.World.SurveyId}/rounds/{byPoint}?question=safe_night&by=area");
        Assert.Contains("2 missing, 1 in no admin area of the mission, 1 in no stratum of the round", page);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_stratum_question_that_is_neither_a_select_one_nor_a_geopoint_is_refused_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var world = await StartWithBoundariesAsync(provider);
        var answer = await world.World.Planner.PostAsJsonAsync(world.Rounds, Design(world, "R", "village"));
        var body = await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("select_one or geopoint", body.GetProperty("errors").GetProperty("stratumQuestion")[0].GetString());
        Assert.Equal(0, (await world.World.Planner.GetFromJsonAsync<JsonElement>(world.Rounds)).GetProperty("items").GetArrayLength());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_round_whose_locations_all_fall_outside_its_strata_is_refused_saying_how_many_and_why(DatabaseProvider provider)
    {
        await using var world = await StartWithBoundariesAsync(provider);
        await world.SendAsync(Located(A, Nowhere, "v1", "safe"), Located(A, InProvinceOnly, "v1", "safe"), Located(B, "", "v2", "safe"));
        var (id, _) = await world.CreateRoundAsync(Design(world, "R", "location"));
        var answer = await world.World.Analyst.GetAsync($"{world.Rounds}/{id}/analysis?question=safe_night");
        var body = await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("1 are missing, 1 fall in no admin area of the mission and 1 in no stratum of the round", body.ToString());
    }

    private static object Design(RoundWorld world, string name, string stratumQuestion)
    {
        var today = DateOnly.FromDateTime(world.World.App.Clock.GetUtcNow().UtcDateTime);
        return new
        {
            name, xmlFormId = FormId, fieldworkStart = today.AddDays(-7), fieldworkEnd = today.AddDays(7), stratumQuestion, clusterQuestion = "village",
            sexQuestion = "sex", ageQuestion = "age", consentQuestion = "consent", minimumCellSize = 10,
            strata = new[] { new { pcode = A, population = 1000.0 }, new { pcode = B, population = 3000.0 } },
        };
    }

    private static string Located(string area, string location, string village, string safe) => $"""
        <?xml version="1.0"?>
        <data id="{FormId}" version="1"><consent>yes</consent><area>{area}</area><village>{village}</village><sex>female</sex><age>30</age>
          <safe_night>{safe}</safe_night><location>{location}</location><meta><instanceID>{SurveyWorld.NewInstanceId()}</instanceID></meta></data>
        """;

    /// <summary>RoundWorld's form with a geopoint <c>location</c>, and its areas with boundaries.</summary>
    private static async Task<RoundWorld> StartWithBoundariesAsync(DatabaseProvider provider)
    {
        var world = await SurveyWorld.StartAsync(provider);
        var xform = PerceptionXForm().Replace("<safe_night/><meta>", "<safe_night/><location/><meta>")
            .Replace("""<bind nodeset="/data/safe_night" type="string"/>""", """<bind nodeset="/data/safe_night" type="string"/><bind nodeset="/data/location" type="geopoint"/>""")
            .Replace("</h:body>", """<input ref="/data/location"><label>Location</label></input></h:body>""");
        var imported = await world.Planner.PostAsync($"{SurveyWorld.Api}/forms?survey={world.SurveyId}",
            new MultipartFormDataContent { { new StringContent(xform), "file", "perception.xml" } });
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        await world.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AmaniDbContext>();
            var mission = db.Missions.Single(m => m.Code == SurveyWorld.Mission);
            var areas = services.GetRequiredService<AreaRules>();
            await areas.AddAsync(mission, new CreateAreaRequest(A, "Bimbo", 2, TestMission.Province, Square(18, 18.5, 4, 4.5), null, null), CancellationToken.None);
            await areas.AddAsync(mission, new CreateAreaRequest(B, "Boali", 2, TestMission.Province, Square(18.5, 19, 4, 4.5), null, null), CancellationToken.None);
            await areas.AddAsync(mission, new CreateAreaRequest(Village, "Bimbo centre", 3, A, Square(18, 18.2, 4, 4.2), null, null), CancellationToken.None);
            await db.SaveChangesAsync();
            return 0;
        });
        return new RoundWorld(world);
    }

    private static JsonElement Square(double west, double east, double south, double north) => JsonDocument.Parse(FormattableString.Invariant(
        $$"""{"type":"Polygon","coordinates":[[[{{west}},{{south}}],[{{east}},{{south}}],[{{east}},{{north}}],[{{west}},{{north}}],[{{west}},{{south}}]]]}""")).RootElement;
}
