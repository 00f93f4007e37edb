using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Register.Incidents;

public sealed class IncidentLifecycleTests
{
    public static object NewIncident(string category = "violence-against-civilians.attack", double latitude = 4.5, double longitude = 18.5) => new
    {
        source = "patrol", categoryCode = category, occurredAt = DateTimeOffset.UtcNow.AddHours(-3), latitude, longitude,
        placeName = "Near Boali", description = "Armed men attacked the market.", fatalitiesLow = 1, fatalitiesBest = 2, fatalitiesHigh = 3,
        civilianFatalities = 2, actors = new[] { new { name = "Unidentified armed group", side = 1, type = "rebelGroup" } },
    };

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_recorded_incident_is_placed_in_its_area_and_prio_grid_cell(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var field = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));

        var created = await field.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents", NewIncident());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var incident = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(TestMission.Province, incident.GetProperty("areaPCode").GetString());
        Assert.Equal((int)Math.Floor((4.5 + 90) / 0.5) * 720 + (int)Math.Floor((18.5 + 180) / 0.5) + 1, incident.GetProperty("prioGridCell").GetInt32());
        Assert.Equal("reported", incident.GetProperty("status").GetString());
        Assert.EndsWith("+01:00", incident.GetProperty("occurredLocal").GetString()); // Africa/Bangui
        Assert.Equal("reported", incident.GetProperty("timeline")[0].GetProperty("to").GetString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Updates_need_the_current_version(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var field = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));
        var created = await field.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents", NewIncident());
        var location = created.Headers.Location!.ToString();

        await ProblemAssert.IsProblemAsync(await field.PutAsJsonAsync(location, NewIncident()), HttpStatusCode.PreconditionRequired, "version-required");
        var first = await Send(field, HttpMethod.Put, location, NewIncident(category: "battles.armed-clash"), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag?.Tag);
        var stale = await Send(field, HttpMethod.Put, location, NewIncident(category: "riots"), "\"1\"");
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed, "stale-version");
        var current = await field.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal("battles.armed-clash", current.GetProperty("categoryCode").GetString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Status_moves_follow_the_workflow_and_are_recorded(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var officer = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var duty = await app.SignInAsync(officer);
        var created = await duty.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents", NewIncident());
        var location = created.Headers.Location!.ToString();

        var skip = await Send(duty, HttpMethod.Post, location + "/transitions", new { to = "closed", reason = "Skipping ahead" }, "\"1\"");
        await ProblemAssert.IsProblemAsync(skip, HttpStatusCode.BadRequest, "validation");
        Assert.Equal(HttpStatusCode.OK, (await Send(duty, HttpMethod.Post, location + "/transitions", new { to = "triaged", reason = "Looked at it" }, "\"1\"")).StatusCode);
        var verified = await Send(duty, HttpMethod.Post, location + "/transitions", new { to = "verified", reason = "Two sources agree" }, "\"2\"");

        var incident = await verified.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("verified", incident.GetProperty("status").GetString());
        Assert.Equal(["reported", "triaged", "verified"], incident.GetProperty("timeline").EnumerateArray().Select(c => c.GetProperty("to").GetString()));
        Assert.Equal("Two sources agree", incident.GetProperty("timeline")[2].GetProperty("reason").GetString());
        Assert.Equal(["responding", "closed"], incident.GetProperty("nextStatuses").EnumerateArray().Select(s => s.GetString()));
        // stored in the record toolkit's one history shape: who (and which user), from → to, why, when
        var id = Guid.Parse(incident.GetProperty("id").GetString()!);
        var history = await app.WithDbAsync(db => db.IncidentStatusChanges.AsNoTracking().Where(c => c.IncidentId == id).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync());
        Assert.Equal(new (IncidentStatus?, IncidentStatus)[] { (null, IncidentStatus.Reported), (IncidentStatus.Reported, IncidentStatus.Triaged), (IncidentStatus.Triaged, IncidentStatus.Verified) },
            history.Select(c => (c.FromStatus, c.ToStatus!.Value)));
        Assert.All(history, c => Assert.Equal((officer.Id, $"user:{officer.Id}"), (c.ActorUserId, c.Actor)));
        Assert.Equal(["Recorded.", "Looked at it", "Two sources agree"], history.Select(c => c.Text));
    }

    /// <summary>Finding 13 of the security probe: partners saw staff user and token ids in an incident's timeline.</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_partner_sees_who_moved_an_incident_as_the_mission_not_as_staff_ids(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var organization = await app.WithScopeAsync(async services => (await services.GetRequiredService<Amani.Foundation.Organizations.OrganizationRules>()
            .CreateAsync(new Amani.Foundation.Organizations.CreateOrganizationRequest("Partner NGO", "PNGO", Amani.Foundation.Organizations.OrganizationKind.Ngo, null),
                CancellationToken.None)).Value!.Id);
        var officer = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var duty = await app.SignInAsync(officer);
        var partnerUser = await app.CreateUserAsync(Role.Partner, TestMission.Code, organization);
        var partner = await app.SignInAsync(partnerUser);
        var body = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(NewIncident(), JsonSerializerOptions.Web))!.AsObject();
        body["confidentiality"] = "public";
        var created = await duty.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents", body);
        var location = created.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await Send(duty, HttpMethod.Post, location + "/transitions", new { to = "triaged", reason = "Looked at it" }, "\"1\"")).StatusCode);
        var own = await partner.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents", NewIncident());

        var seen = await partner.GetStringAsync(location);
        Assert.DoesNotContain(officer.Id.ToString(), seen);
        var timeline = JsonDocument.Parse(seen).RootElement.GetProperty("timeline").EnumerateArray().Select(c => c.GetProperty("actor").GetString()).ToList();
        Assert.Equal(["mission", "mission"], timeline);
        var ownTimeline = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeline");
        Assert.Equal($"user:{partnerUser.Id}", ownTimeline[0].GetProperty("actor").GetString());
        Assert.Contains(officer.Id.ToString(), await duty.GetStringAsync(location));
    }

    public static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return client.SendAsync(request);
    }
}
