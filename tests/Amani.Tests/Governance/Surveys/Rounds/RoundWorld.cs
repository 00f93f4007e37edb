using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Rounds;

/// <summary>
/// The <see cref="SurveyWorld"/> with a small perception form (consent, area, village, sex, age, feels safe at night) in
/// the household survey, two admin-2 areas of the test province (CF.AA.01, CF.AA.02) and one admin-3 area (CF.AA.01.1),
/// and helpers to send respondents as phones do and to create a round.
/// </summary>
public sealed class RoundWorld(SurveyWorld inner) : IAsyncDisposable
{
    public const string FormId = "perception", A = "CF.AA.01", B = "CF.AA.02", Village = "CF.AA.01.1";
    public SurveyWorld World { get; } = inner;
    public string Rounds => $"{SurveyWorld.Api}/surveys/{World.SurveyId}/rounds";

    public static async Task<RoundWorld> StartAsync(DatabaseProvider provider)
    {
        var world = await SurveyWorld.StartAsync(provider);
        var body = new MultipartFormDataContent { { new StringContent(PerceptionXForm()), "file", "perception.xml" } };
        var imported = await world.Planner.PostAsync($"{SurveyWorld.Api}/forms?survey={world.SurveyId}", body);
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        await world.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AmaniDbContext>();
            var mission = db.Missions.Single(m => m.Code == SurveyWorld.Mission);
            var areas = services.GetRequiredService<AreaRules>();
            await areas.AddAsync(mission, new CreateAreaRequest(A, "Bimbo", 2, TestMission.Province, null, null, null), CancellationToken.None);
            await areas.AddAsync(mission, new CreateAreaRequest(B, "Boali", 2, TestMission.Province, null, null, null), CancellationToken.None);
            await areas.AddAsync(mission, new CreateAreaRequest(Village, "Bimbo centre", 3, A, null, null, null), CancellationToken.None);
            await db.SaveChangesAsync();
            return 0;
        });
        return new RoundWorld(world);
    }

    /// <summary>A respondent as the instance a phone sends.</summary>
    public static string Respondent(string area, string village, string safe, string sex = "female", int age = 30, string consent = "yes") => $"""
        <?xml version="1.0"?>
        <data id="{FormId}" version="1"><consent>{consent}</consent><area>{area}</area><village>{village}</village><sex>{sex}</sex><age>{age}</age>
          <safe_night>{safe}</safe_night><meta><instanceID>{SurveyWorld.NewInstanceId()}</instanceID></meta></data>
        """;

    public async Task SendAsync(params string[] instances)
    {
        foreach (var instance in instances)
        {
            var sent = await World.SubmitAsync(instance);
            Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// The hand-checked design: stratum A (population 1,000) clusters v1 {safe, safe, unsafe} and v2 {safe, unsafe,
    /// unsafe}; stratum B (3,000) clusters v3 {safe ×3} and v4 {safe, safe, unsafe}. Weighted share feeling safe = 0.75.
    /// </summary>
    public Task SendHandDesignAsync() => SendAsync(
        Respondent(A, "v1", "safe"), Respondent(A, "v1", "safe"), Respondent(A, "v1", "unsafe"),
        Respondent(A, "v2", "safe", "male", 20), Respondent(A, "v2", "unsafe", "male", 60), Respondent(A, "v2", "unsafe"),
        Respondent(B, "v3", "safe"), Respondent(B, "v3", "safe", "male", 45), Respondent(B, "v3", "safe"),
        Respondent(B, "v4", "safe"), Respondent(B, "v4", "safe", "male"), Respondent(B, "v4", "unsafe"));

    public object Design(string name = "2026 round", int minimumCellSize = 10)
    {
        var today = DateOnly.FromDateTime(World.App.Clock.GetUtcNow().UtcDateTime);
        return new
        {
            name, xmlFormId = FormId, fieldworkStart = today.AddDays(-7), fieldworkEnd = today.AddDays(7), stratumQuestion = "area",
            clusterQuestion = "village", sexQuestion = "sex", ageQuestion = "age", consentQuestion = "consent", minimumCellSize,
            strata = new[] { new { pcode = A, population = 1000.0 }, new { pcode = B, population = 3000.0 } },
        };
    }

    public async Task<(Guid Id, string ETag)> CreateRoundAsync(object? design = null)
    {
        var created = await World.Planner.PostAsJsonAsync(Rounds, design ?? Design());
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return ((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), created.Headers.ETag!.Tag);
    }

    public static string PerceptionXForm() => """
        <?xml version="1.0"?>
        <h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa">
          <h:head>
            <h:title>Perception</h:title>
            <model>
              <instance>
                <data id="perception" version="1"><consent/><area/><village/><sex/><age/><safe_night/><meta><instanceID/></meta></data>
              </instance>
              <instance id="yes_no"><root><item><name>yes</name><label>Yes</label></item><item><name>no</name><label>No</label></item></root></instance>
              <instance id="areas"><root><item><name>CF.AA.01</name><label>Bimbo</label></item><item><name>CF.AA.02</name><label>Boali</label></item></root></instance>
              <instance id="sexes"><root><item><name>female</name><label>Female</label></item><item><name>male</name><label>Male</label></item></root></instance>
              <instance id="safety"><root><item><name>safe</name><label>Safe</label></item><item><name>unsafe</name><label>Unsafe</label></item></root></instance>
              <bind nodeset="/data/consent" type="string" required="true()"/>
              <bind nodeset="/data/area" type="string"/>
              <bind nodeset="/data/village" type="string"/>
              <bind nodeset="/data/sex" type="string"/>
              <bind nodeset="/data/age" type="int"/>
              <bind nodeset="/data/safe_night" type="string"/>
              <bind nodeset="/data/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
            </model>
          </h:head>
          <h:body>
            <select1 ref="/data/consent"><label>Consent?</label><itemset nodeset="instance('yes_no')/root/item"><value ref="name"/><label ref="label"/></itemset></select1>
            <select1 ref="/data/area"><label>Area</label><itemset nodeset="instance('areas')/root/item"><value ref="name"/><label ref="label"/></itemset></select1>
            <input ref="/data/village"><label>Village code</label></input>
            <select1 ref="/data/sex"><label>Sex</label><itemset nodeset="instance('sexes')/root/item"><value ref="name"/><label ref="label"/></itemset></select1>
            <input ref="/data/age"><label>Age</label></input>
            <select1 ref="/data/safe_night"><label>Do you feel safe walking at night?</label><itemset nodeset="instance('safety')/root/item"><value ref="name"/><label ref="label"/></itemset></select1>
          </h:body>
        </h:html>
        """;

    public ValueTask DisposeAsync() => World.DisposeAsync();
}
