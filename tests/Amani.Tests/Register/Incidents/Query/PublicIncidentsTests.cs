using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Register.Incidents.Query;

public sealed class PublicIncidentsTests
{
    private const string Public = $"/api/v1/public/missions/{TestMission.Code}/incidents";

    private static object Incident(DateTimeOffset at, string area, string confidentiality = "public", bool descriptionPublic = false,
        string category = "battles.armed-clash") => new
    {
        source = "patrol", categoryCode = category, occurredAt = at, latitude = 4.5512, longitude = 18.5534, placeName = "Behind the Boali mosque",
        areaPCode = area, description = "Secret detail from informant Jean", descriptionPublic, confidentiality,
        actors = new[] { new { name = "Armed group X", side = 1, type = "rebelGroup" } },
    };

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_public_sees_only_public_incidents_coarsened_to_the_district_without_free_text(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        await Fixtures.AddAreasAsync(app);
        var dutyUser = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var duty = await app.SignInAsync(dutyUser);
        var now = app.Clock.GetUtcNow();
        var inSubDistrict = await Fixtures.RecordAsync(duty, Incident(now.AddHours(-1), "CF.AA.01.X"));
        var inProvince = await Fixtures.RecordAsync(duty, Incident(now.AddHours(-2), TestMission.Province, descriptionPublic: true, category: "riots"));
        await Fixtures.PublishAsync(app, inProvince);
        var mission = await Fixtures.RecordAsync(duty, Incident(now.AddHours(-3), "CF.AA.01", confidentiality: "mission"));
        var rejected = await Fixtures.RecordAsync(duty, Incident(now.AddHours(-4), "CF.AA.01"));
        Assert.Equal(HttpStatusCode.OK, (await IncidentLifecycleTests.Send(duty, HttpMethod.Post, $"/api/v1/incidents/{rejected}/transitions",
            new { to = "rejected", reason = "Rumour" }, "\"1\"")).StatusCode);
        var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync(Public);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = JsonDocument.Parse(raw).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([inSubDistrict, inProvince], items.Select(i => i.GetProperty("id").GetGuid()));
        var first = items[0];
        Assert.Equal("CF.AA.01", first.GetProperty("areaPCode").GetString());
        Assert.Equal(4.6, first.GetProperty("latitude").GetDouble());
        Assert.Equal(18.6, first.GetProperty("longitude").GetDouble());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("description").ValueKind);
        Assert.Equal("Armed group X", first.GetProperty("actors")[0].GetProperty("name").GetString());
        var second = items[1];
        Assert.Equal(JsonValueKind.Null, second.GetProperty("latitude").ValueKind);    // only a province: no coordinates at all
        Assert.Equal(JsonValueKind.Null, second.GetProperty("areaPCode").ValueKind);
        Assert.Equal("Secret detail from informant Jean", second.GetProperty("description").GetString());
        foreach (var secret in new[] { "4.5512", "18.5534", "Boali mosque", dutyUser.Id.ToString(), "recordedBy", "placeName", "assignedTo", "timeline", mission.ToString() })
            Assert.DoesNotContain(secret, raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, items.Count(i => i.GetProperty("description").ValueKind == JsonValueKind.String));

        Assert.Equal([inProvince], await IdsAsync(anonymous, "category=riots"));
        Assert.Equal([inSubDistrict], await IdsAsync(anonymous, "area=CF.AA.01"));
        Assert.Equal([inProvince], await IdsAsync(anonymous, $"to={Uri.EscapeDataString(now.AddHours(-1.5).ToString("O"))}"));
        Assert.Equal([inSubDistrict, inProvince], await Fixtures.AllPagesAsync(anonymous, Public, 1));
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/api/v1/public/missions/NOPE/incidents"), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"{Public}?area=NOPE"), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"{Public}?cursor=@@"), HttpStatusCode.BadRequest, "validation");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_public_list_is_rate_limited(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings => settings with { AnonymousRequestsPerMinute = 2 });
        await TestMission.CreateAsync(app);
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Public)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Public)).StatusCode);
        var limited = await anonymous.GetAsync(Public);
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>($"{Public}?{query}")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
}
