using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Tests.Register.Incidents;
using Amani.Tests.Register.Reporting;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Register.Reporting;

namespace Amani.Tests.Register.Duplicates;

public sealed class DuplicateApiTests
{
    private const string Market = "Des hommes armés ont attaqué le marché de Boali";

    private static object Incident(DateTimeOffset at, double lat, double lon, string description = Market, string category = "violence-against-civilians.attack") => new
    {
        source = "patrol", categoryCode = category, occurredAt = at, latitude = lat, longitude = lon, description, confidentiality = "mission",
    };

    private static async Task<Guid> RecordAsync(HttpClient client, object incident)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents", incident);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> ReportAsync(TestApp app, object report)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/reports", report);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!.Replace("-", "");
        return await app.WithDbAsync(db => db.CommunityReports.Where(r => r.TrackingCode == code).Select(r => r.Id).SingleAsync());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_report_lists_nearby_incidents_and_reports_ranked_with_reasons(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var now = app.Clock.GetUtcNow();
        var same = await RecordAsync(duty, Incident(now.AddHours(-2), 4.50, 18.50));
        var otherText = await RecordAsync(duty, Incident(now.AddHours(-20), 4.55, 18.52, "Inondation du pont sur la rivière", "mission.displacement"));
        var tooFar = await RecordAsync(duty, Incident(now.AddHours(-2), 4.90, 18.50));      // ~44 km
        var tooOld = await RecordAsync(duty, Incident(now.AddDays(-4), 4.50, 18.50));
        var twin = await ReportAsync(app, new { description = "Attaque du marché de Boali par des hommes armés", latitude = 4.501, longitude = 18.502 });
        var report = await ReportAsync(app, new { description = "Hommes armés, attaque au marche de Boali", latitude = 4.501, longitude = 18.501,
            occurredAt = now.AddHours(-1) });

        var list = await duty.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{TestMission.Code}/reports/{report}/duplicates");

        var items = list.GetProperty("items").EnumerateArray().ToList();
        var ids = items.Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.DoesNotContain(tooFar, ids);
        Assert.DoesNotContain(tooOld, ids);
        Assert.DoesNotContain(report, ids);
        Assert.Contains(otherText, ids);
        Assert.True(ids.IndexOf(same) < ids.IndexOf(otherText));
        var twinItem = items.Single(i => i.GetProperty("id").GetGuid() == twin);
        Assert.Equal("report", twinItem.GetProperty("kind").GetString());
        var best = items[0];
        Assert.Contains(best.GetProperty("id").GetGuid(), new[] { same, twin });
        Assert.InRange(best.GetProperty("score").GetDouble(), DuplicateLikely, 1);
        Assert.Contains(best.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.EndsWith("km apart", StringComparison.Ordinal));
        Assert.Equal(items.Select(i => i.GetProperty("score").GetDouble()).OrderByDescending(s => s), items.Select(i => i.GetProperty("score").GetDouble()));

        var queue = await duty.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{TestMission.Code}/reports");
        var queued = queue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == report);
        Assert.Equal(2, queued.GetProperty("possibleDuplicates").GetInt32()); // the incident at the same place and the twin report
    }

    private const double DuplicateLikely = Amani.Register.Duplicates.DuplicateScorer.Likely;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_incident_lists_candidate_incidents_it_may_see(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var partner = await app.SignInAsync(await app.CreateUserAsync(Role.Partner, TestMission.Code,
            await Amani.Tests.Register.Incidents.Query.Fixtures.OrganizationAsync(app, "Partner NGO")));
        var now = app.Clock.GetUtcNow();
        var first = await RecordAsync(duty, Incident(now.AddHours(-3), 4.5, 18.5));
        var second = await RecordAsync(duty, Incident(now.AddHours(-1), 4.51, 18.5));

        var list = await duty.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{first}/duplicates");
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(second, item.GetProperty("id").GetGuid());
        Assert.Equal("incident", item.GetProperty("kind").GetString());
        Assert.Contains("same category (violence-against-civilians.attack)", item.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        // A partner cannot see mission incidents: neither the incident nor its candidates.
        await ProblemAssert.IsProblemAsync(await partner.GetAsync($"/api/v1/incidents/{first}/duplicates"), HttpStatusCode.NotFound, "not-found");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Merging_marks_the_duplicate_moves_its_reports_and_keeps_every_record(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var now = app.Clock.GetUtcNow();
        var survivor = await RecordAsync(duty, Incident(now.AddHours(-3), 4.5, 18.5));
        var merged = await RecordAsync(duty, Incident(now.AddHours(-2), 4.5, 18.5));
        var earlier = await RecordAsync(duty, Incident(now.AddHours(-2), 4.5, 18.5));
        var report = await ReportAsync(app, new { description = Market });
        Assert.Equal(HttpStatusCode.OK, (await TriageRequests.PostAsync(duty, report, "link", new { incidentId = merged })).StatusCode);
        // 'earlier' was merged into 'merged' before: after this merge it must point at the survivor.
        Assert.Equal(HttpStatusCode.OK, (await IncidentLifecycleTests.Send(duty, HttpMethod.Post, $"/api/v1/incidents/{earlier}/merge",
            new { into = merged, reason = "Same market attack" }, "\"1\"")).StatusCode);

        await ProblemAssert.IsProblemAsync(await duty.PostAsJsonAsync($"/api/v1/incidents/{merged}/merge", new { into = survivor, reason = "Same attack" }),
            HttpStatusCode.PreconditionRequired, "version-required");
        await ProblemAssert.IsProblemAsync(await IncidentLifecycleTests.Send(duty, HttpMethod.Post, $"/api/v1/incidents/{merged}/merge",
            new { into = survivor, reason = "Same attack" }, "\"7\""), HttpStatusCode.PreconditionFailed, "stale-version");
        var response = await IncidentLifecycleTests.Send(duty, HttpMethod.Post, $"/api/v1/incidents/{merged}/merge",
            new { into = survivor, reason = "Same attack, two patrols" }, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("duplicate", body.GetProperty("status").GetString());
        Assert.Equal(survivor, body.GetProperty("duplicateOfId").GetGuid());
        Assert.Equal("Same attack, two patrols", body.GetProperty("timeline").EnumerateArray().Last().GetProperty("reason").GetString());
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var kept = await duty.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{survivor}");
        Assert.Equal([report], kept.GetProperty("linkedReports").EnumerateArray().Select(r => r.GetGuid()));
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(3, await db.Incidents.CountAsync());
            Assert.Equal(survivor, await db.Incidents.Where(i => i.Id == earlier).Select(i => i.DuplicateOfId).SingleAsync());
            Assert.Equal(1, await db.CommunityReports.CountAsync(r => r.IncidentId == survivor));
            Assert.Equal(3, await db.CommunityReports.Where(r => r.Id == report).Select(r => r.Version).SingleAsync()); // received, linked, moved
            Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.ActionCode == AuditCodes.IncidentMerged));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.ActionCode == AuditCodes.ReportLinked && a.Summary.Contains("(merge)")));
            return 0;
        });
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Merges_into_itself_another_mission_or_a_duplicate_are_refused_and_change_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var now = app.Clock.GetUtcNow();
        var a = await RecordAsync(duty, Incident(now.AddHours(-3), 4.5, 18.5));
        var b = await RecordAsync(duty, Incident(now.AddHours(-3), 4.5, 18.5));
        var c = await RecordAsync(duty, Incident(now.AddHours(-3), 4.5, 18.5));
        var foreign = await app.WithScopeAsync(async services =>
        {
            var missions = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Amani.Foundation.Missions.MissionRules>(services);
            var bravo = (await missions.CreateAsync(new Amani.Foundation.Missions.CreateMissionRequest("BRAVO", "Bravo", "CAF", null), CancellationToken.None)).Value!;
            var rules = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IncidentRules>(services);
            var input = new IncidentInput(IncidentSource.Patrol, "battles", now.AddHours(-3), null, null, 4.5, 18.5, null, null, null, null, null, null, null, null,
                null, null, null, Market, null, Confidentiality.Mission, null, null, null);
            return (await rules.CreateAsync(bravo, input, Guid.NewGuid(), CancellationToken.None)).Value!.Id;
        });
        Assert.Equal(HttpStatusCode.OK, (await IncidentLifecycleTests.Send(duty, HttpMethod.Post, $"/api/v1/incidents/{b}/merge",
            new { into = c, reason = "Same attack" }, "\"1\"")).StatusCode);

        foreach (var (into, message) in new[] { (a, "itself"), (foreign, "one mission"), (b, $"merge into that one instead") })
        {
            var refused = await ProblemAssert.IsProblemAsync(await IncidentLifecycleTests.Send(duty, HttpMethod.Post, $"/api/v1/incidents/{a}/merge",
                new { into, reason = "Same attack" }, "\"1\""), HttpStatusCode.BadRequest, "validation");
            Assert.Contains(message, refused.GetProperty("errors").GetProperty("into")[0].GetString());
        }
        await ProblemAssert.IsProblemAsync(await IncidentLifecycleTests.Send(duty, HttpMethod.Post, $"/api/v1/incidents/{a}/merge",
            new { reason = "Same attack" }, "\"1\""), HttpStatusCode.BadRequest, "validation");
        var unchanged = await duty.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{a}");
        Assert.Equal("reported", unchanged.GetProperty("status").GetString());
        Assert.Equal(1, unchanged.GetProperty("version").GetInt32());
    }
}
