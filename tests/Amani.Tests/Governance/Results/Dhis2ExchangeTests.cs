using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Governance.Results;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Tests.Register.Incidents.Query;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Governance.Results;

public sealed class Dhis2ExchangeTests
{
    private const string Url = $"/api/v1/missions/{TestMission.Code}/results/dhis2";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Exported_values_imported_again_are_identical(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await ExchangeWorld.CreateAsync(app);
        await ExchangeWorld.SeedAsync(app, mission.Id);
        await ExchangeWorld.AddComputedAsync(app, mission.Id, "202401", 12);
        var before = await ExchangeWorld.ValuesAsync(app, mission.Id);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code));

        var all = await officer.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("application/json", all.Content.Headers.ContentType?.MediaType);
        var values = JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement.GetProperty("dataValues").EnumerateArray().ToList();
        Assert.Equal(6, values.Count);
        var budget = Assert.Single(values, v => v.GetProperty("dataElement").GetString() == ExchangeWorld.Budget);
        Assert.Equal("CF", budget.GetProperty("orgUnit").GetString()); // the mission-wide value, with the country's P-code
        Assert.Equal("1250000.75", budget.GetProperty("value").GetString());
        Assert.False(budget.TryGetProperty("categoryOptionCombo", out _));
        Assert.Contains(values, v => v.GetProperty("dataElement").GetString() == ExchangeWorld.Killed
                                     && v.GetProperty("categoryOptionCombo").GetString() == "sex:female" && v.GetProperty("followup").GetBoolean());
        Assert.Contains(values, v => v.GetProperty("dataElement").GetString() == ExchangeWorld.Computed);

        var entered = await (await officer.GetAsync($"{Url}?computed=false")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(ExchangeWorld.Computed, entered);
        Assert.Equal(5, await app.WithDbAsync(db => ExchangeWorld.DeleteEnteredAsync(db, mission.Id)));
        var imported = await officer.PostAsync(Url, Json(entered));
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        Assert.Equal(5, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("written").GetInt32());
        Assert.Equal(before, await ExchangeWorld.ValuesAsync(app, mission.Id));

        var again = await (await officer.PostAsync(Url, Json(entered))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("written").GetInt32());
        Assert.Equal(5, again.GetProperty("unchanged").GetInt32());
        var filtered = await officer.GetStringAsync($"{Url}?from=2024Q1&until=202401&indicator={ExchangeWorld.Killed},{ExchangeWorld.Budget}");
        Assert.Equal(3, JsonDocument.Parse(filtered).RootElement.GetProperty("dataValues").GetArrayLength()); // January's two, and 2024 (starts in it)
        await ProblemAssert.IsProblemAsync(await officer.GetAsync($"{Url}?from=2024-13-01"), HttpStatusCode.BadRequest, "validation");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_file_from_DHIS2_is_read_with_its_defaults_and_its_default_combination(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await ExchangeWorld.CreateAsync(app);
        var analyst = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, TestMission.Code));

        var response = await analyst.PostAsync(Url, Json($$"""
            {"dataSet": "pBOMPrpg1QX", "completeDate": "2024-02-05", "period": "202401", "orgUnit": "CF.AA",
             "dataValues": [
               {"dataElement": "{{ExchangeWorld.Killed}}", "categoryOptionCombo": "sex:female", "value": "4", "storedBy": "admin"},
               {"dataElement": "{{ExchangeWorld.Killed}}", "categoryOptionCombo": "HllvX50cXC0", "attributeOptionCombo": "HllvX50cXC0", "value": 9},
               {"dataElement": "{{ExchangeWorld.Budget}}", "period": "2024", "orgUnit": "CF", "value": "12.5", "comment": "Q1 only", "followup": true,
                "lastUpdated": "2024-02-05T10:00:00.000"}
             ]}
            """));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var stored = await ExchangeWorld.ValuesAsync(app, mission.Id);
        Assert.Equal(
        [
            new(ExchangeWorld.Budget, "2024", "", "", 12.5, null, null, "Q1 only", true, false),
            new(ExchangeWorld.Killed, "202401", "CF.AA", "", 9, null, null, null, false, false),
            new(ExchangeWorld.Killed, "202401", "CF.AA", "sex:female", 4, null, null, null, false, false),
        ], stored);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == ExchangeWorld.ValuesEntered)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Refused_values_are_listed_by_element_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await ExchangeWorld.CreateAsync(app);
        await ExchangeWorld.ApproveAsync(app, mission.Id, ExchangeWorld.Budget, "2023");
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code));

        var response = await officer.PostAsync(Url, Json($$"""
            {"dataValues": [
              {"dataElement": "{{ExchangeWorld.Budget}}", "period": "2024", "orgUnit": "CF", "value": "100"},
              {"dataElement": "NO-SUCH", "period": "2024", "orgUnit": "CF", "value": "1"},
              {"dataElement": "{{ExchangeWorld.Killed}}", "period": "202401", "orgUnit": "CF.ZZ", "value": "1"},
              {"dataElement": "{{ExchangeWorld.Killed}}", "period": "202401", "orgUnit": "CF.AA", "categoryOptionCombo": "sex:unknown", "value": "1"},
              {"dataElement": "{{ExchangeWorld.Killed}}", "period": "2024Q1", "orgUnit": "CF.AA", "value": "1"},
              {"dataElement": "{{ExchangeWorld.Killed}}", "period": "202401", "orgUnit": "CF.AA", "value": "2.5"},
              {"dataElement": "{{ExchangeWorld.Killed}}", "period": "202402", "orgUnit": "CF.AA", "value": true},
              {"dataElement": "{{ExchangeWorld.Answered}}", "period": "2024Q1", "orgUnit": "CF", "value": "120"},
              {"dataElement": "{{ExchangeWorld.Budget}}", "period": "2023", "orgUnit": "CF", "value": "5"},
              {"dataElement": "{{ExchangeWorld.Computed}}", "period": "202401", "orgUnit": "CF", "value": "5"},
              {"dataElement": "{{ExchangeWorld.Budget}}", "period": "2022", "orgUnit": "CF", "value": "1,5"}
            ]}
            """));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var rejects = problem.GetProperty("rejects").EnumerateArray()
            .Select(r => (r.GetProperty("where").GetString(), r.GetProperty("field").GetString())).ToList();
        Assert.Equal(
        [
            ("dataValues[1]", "indicator"), ("dataValues[2]", "area"), ("dataValues[3]", "disaggregation"), ("dataValues[4]", "period"),
            ("dataValues[5]", "value"), ("dataValues[6]", "value"), ("dataValues[7]", "value"), ("dataValues[8]", "period"),
            ("dataValues[9]", "indicator"), ("dataValues[10]", "value"),
        ], rejects);
        Assert.Contains("not a number", problem.GetProperty("rejects")[9].GetProperty("message").GetString());
        Assert.Contains("not true", problem.GetProperty("rejects")[5].GetProperty("message").GetString());
        Assert.Empty(await ExchangeWorld.ValuesAsync(app, mission.Id)); // not even the first, valid one
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_body_of_the_wrong_shape_is_one_problem_naming_the_place(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await ExchangeWorld.CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code));

        foreach (var (body, place) in new[]
                 {
                     ("{\"dataValues\": [", "not valid JSON"), ("[]", "$:"), ("{\"dataValues\": {}}", "$.dataValues"),
                     ("{\"period\": 202401, \"dataValues\": []}", "$.period"), ("{\"dataValues\": [{\"value\": \"1\"}, 7]}", "$.dataValues[1]"),
                     ("{\"dataValues\": []}", "no values"),
                 })
        {
            var problem = await ProblemAssert.IsProblemAsync(await officer.PostAsync(Url, Json(body)), HttpStatusCode.BadRequest, "malformed-request");
            Assert.Contains(place, problem.GetProperty("detail").GetString());
        }
        await ProblemAssert.IsProblemAsync(await officer.PostAsync(Url, new StringContent("a,b", Encoding.UTF8, "text/csv")),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        // Over 20 MB: refused from its Content-Length before the body is sent (as curl sends it, expecting 100-continue).
        using var patient = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = TestApp.CookieContainerOf(officer), Expect100ContinueTimeout = TimeSpan.FromSeconds(60),
        }) { BaseAddress = app.BaseAddress };
        foreach (var header in officer.DefaultRequestHeaders)
            patient.DefaultRequestHeaders.Add(header.Key, header.Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(new byte[21 * 1024 * 1024]) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.ExpectContinue = true;
        var tooLarge = await ProblemAssert.IsProblemAsync(await patient.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Contains("20,971,520 bytes", tooLarge.GetProperty("detail").GetString());
        Assert.Empty(await ExchangeWorld.ValuesAsync(app, mission.Id));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Partners_exchange_only_the_indicators_their_organisation_reports_on(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await ExchangeWorld.CreateAsync(app);
        await ExchangeWorld.SeedAsync(app, mission.Id);
        var reporting = await Fixtures.OrganizationAsync(app, "Reporting NGO");
        var other = await Fixtures.OrganizationAsync(app, "Other NGO");
        await ExchangeWorld.ReporterAsync(app, mission.Id, ExchangeWorld.Budget, reporting);
        var reporter = await app.SignInAsync(await app.CreateUserAsync(Role.Partner, TestMission.Code, reporting));
        var outsider = await app.SignInAsync(await app.CreateUserAsync(Role.Partner, TestMission.Code, other));
        var fieldOfficer = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));
        var budget = $$"""{"dataValues": [{"dataElement": "{{ExchangeWorld.Budget}}", "period": "2025", "orgUnit": "CF", "value": "7"}]}""";

        var seen = JsonDocument.Parse(await reporter.GetStringAsync(Url)).RootElement.GetProperty("dataValues");
        Assert.Equal([ExchangeWorld.Budget], seen.EnumerateArray().Select(v => v.GetProperty("dataElement").GetString()));
        Assert.Equal(0, JsonDocument.Parse(await outsider.GetStringAsync(Url)).RootElement.GetProperty("dataValues").GetArrayLength());
        var refused = await ProblemAssert.IsProblemAsync(await outsider.PostAsync(Url, Json(budget)), HttpStatusCode.BadRequest, "validation");
        Assert.Contains("may not enter", refused.GetProperty("rejects")[0].GetProperty("message").GetString());
        await ProblemAssert.IsProblemAsync(await fieldOfficer.PostAsync(Url, Json(budget)), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await app.CreateClient().GetAsync(Url), HttpStatusCode.Unauthorized, "unauthenticated");
        await ProblemAssert.IsProblemAsync(await app.CreateClient().PostAsync(Url, Json(budget)), HttpStatusCode.Unauthorized, "unauthenticated");
        await ProblemAssert.IsProblemAsync(await reporter.GetAsync("/api/v1/missions/NOPE/results/dhis2"), HttpStatusCode.NotFound, "not-found");
        Assert.DoesNotContain(await ExchangeWorld.ValuesAsync(app, mission.Id), v => v.Period == "2025");

        var accepted = await reporter.PostAsync(Url, Json(budget));
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        Assert.Contains(await ExchangeWorld.ValuesAsync(app, mission.Id), v => v.Period == "2025" && v.Value == 7);
    }
}
