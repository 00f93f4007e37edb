using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Foundation.Users;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Identity;
using Amani.Register.Incidents;
using Amani.Tests.Infrastructure;
using Amani.Tests.Register.Incidents;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Platform.Access;

/// <summary>
/// Finding 1 of the security probe (high): a duty officer scoped to Ouham read, triaged and revealed the reporter of a
/// Bangui report, and area-scoped roles listed, exported and clustered the whole mission. A role scoped to an area sees
/// that area and the areas below it — incidents, reports, their contacts, lists, exports, map, duplicates, aggregates —
/// and another area's record does not exist for it (404). Hot spots and grid-cell totals, which cover the
/// whole mission by design, are refused to it with a reason.
/// </summary>
public sealed class AreaScopeTests
{
    private const string Ouham = "CF.AC", OuhamSub = "CF.AC.01";
    private static readonly string Reports = $"/api/v1/missions/{TestMission.Code}/reports";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_role_scoped_to_an_area_sees_that_area_and_below_and_nothing_else(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AmaniDbContext>();
            var mission = await db.Missions.SingleAsync(m => m.Code == TestMission.Code);
            var areas = services.GetRequiredService<AreaRules>();
            await areas.AddAsync(mission, new CreateAreaRequest(Ouham, "Ouham", 1, "CF", Square(17, 6, 1), null, null), CancellationToken.None);
            await db.SaveChangesAsync();
            await areas.AddAsync(mission, new CreateAreaRequest(OuhamSub, "Bossangoa", 2, Ouham, Square(17, 6, 0.5), null, null), CancellationToken.None);
            await db.SaveChangesAsync();
            return 0;
        });
        var scopedUser = await GrantAsync(app, Role.DutyOfficer, Ouham);
        var scoped = await app.SignInAsync(scopedUser);
        var wide = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var analyst = await app.SignInAsync(await GrantAsync(app, Role.Analyst, Ouham));

        // Two incidents (one in Ouham's sub-area, one in Ombella-M'Poko) and two reports with contacts, likewise.
        var inOuham = await RecordAsync(wide, 6.2, 17.2);
        var elsewhere = await RecordAsync(wide, 4.5, 18.5);
        var ouhamReport = await SubmitAsync(app, wide, 6.3, 17.3, "+236 70 00 00 01");
        var otherReport = await SubmitAsync(app, wide, 4.4, 18.4, "+236 70 00 00 02");

        // Incidents: list, detail, export, map, duplicates.
        var listed = await scoped.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{TestMission.Code}/incidents");
        Assert.Equal([inOuham], listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await scoped.GetAsync($"/api/v1/incidents/{inOuham}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await scoped.GetAsync($"/api/v1/incidents/{elsewhere}"), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await scoped.GetAsync($"/api/v1/incidents/{elsewhere}/duplicates"), HttpStatusCode.NotFound, "not-found");
        var csv = await scoped.GetStringAsync($"/api/v1/missions/{TestMission.Code}/incidents.csv");
        Assert.Contains(inOuham.ToString(), csv);
        Assert.DoesNotContain(elsewhere.ToString(), csv);
        var clusters = await scoped.GetStringAsync($"/api/v1/missions/{TestMission.Code}/map/clusters?bbox=14.4,2.2,27.5,11.1&zoom=4");
        Assert.Contains(inOuham.ToString(), clusters);
        Assert.DoesNotContain(elsewhere.ToString(), clusters);
        Assert.Contains(elsewhere.ToString(), await wide.GetStringAsync($"/api/v1/missions/{TestMission.Code}/map/clusters?bbox=14.4,2.2,27.5,11.1&zoom=4"));

        // Reports: queue, detail, triage, contact reveal.
        var queue = await scoped.GetFromJsonAsync<JsonElement>(Reports);
        Assert.Equal([ouhamReport], queue.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await scoped.GetAsync($"{Reports}/{ouhamReport}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await scoped.GetAsync($"{Reports}/{otherReport}"), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await scoped.PostAsync($"{Reports}/{otherReport}/contact", null), HttpStatusCode.NotFound, "not-found");
        var status = new HttpRequestMessage(HttpMethod.Post, $"{Reports}/{otherReport}/status") { Content = JsonContent.Create(new { status = "inReview" }) };
        status.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        await ProblemAssert.IsProblemAsync(await scoped.SendAsync(status), HttpStatusCode.NotFound, "not-found");
        var contact = await (await scoped.PostAsync($"{Reports}/{ouhamReport}/contact", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("+236 70 00 00 01", contact.GetProperty("phone").GetString());
        Assert.Equal(2, (await wide.GetFromJsonAsync<JsonElement>(Reports)).GetProperty("items").GetArrayLength());
        Assert.DoesNotContain("70 00 00 02", await scoped.GetStringAsync($"/missions/{TestMission.Code}/triage?selected={otherReport}"));

        // Aggregates: its own areas only; what covers the whole mission is refused with a reason.
        var admin1 = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{TestMission.Code}/aggregates?unit=admin1");
        Assert.Equal([Ouham], admin1.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("unit").GetProperty("code").GetString()));
        await ProblemAssert.IsProblemAsync(await analyst.GetAsync($"/api/v1/missions/{TestMission.Code}/aggregates?unit=cell"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await analyst.GetAsync($"/api/v1/missions/{TestMission.Code}/hotspots?unit=admin1"), HttpStatusCode.Forbidden, "forbidden");
    }

    private static JsonElement Square(double west, double south, double side) => JsonDocument.Parse(
        $$"""{"type":"Polygon","coordinates":[[[{{west}},{{south}}],[{{west + side}},{{south}}],[{{west + side}},{{south + side}}],[{{west}},{{south + side}}],[{{west}},{{south}}]]]}""").RootElement;

    private static async Task<TestUser> GrantAsync(TestApp app, Role role, string area)
    {
        var user = await app.CreateUserAsync(null);
        await app.WithScopeAsync(async services =>
        {
            var account = (await services.GetRequiredService<UserManager<AmaniUser>>().FindByIdAsync(user.Id.ToString()))!;
            var granted = await services.GetRequiredService<UserAdministration>().GrantAsync(account,
                new GrantRoleRequest(role, TestMission.Code, area, null), CancellationToken.None);
            Assert.True(granted.Succeeded, granted.Error);
            return 0;
        });
        return user;
    }

    private static async Task<Guid> RecordAsync(HttpClient client, double latitude, double longitude)
    {
        var created = await client.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents",
            IncidentLifecycleTests.NewIncident(latitude: latitude, longitude: longitude));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> SubmitAsync(TestApp app, HttpClient wide, double latitude, double longitude, string phone)
    {
        var submitted = await app.CreateClient().PostAsJsonAsync("/api/v1/reports", new
        {
            description = $"Armed men seen at {latitude}, {longitude}", latitude, longitude, contact = new { phone }, consentToContact = true,
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var code = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString();
        var queue = await wide.GetFromJsonAsync<JsonElement>(Reports);
        return queue.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("trackingCode").GetString() == code).GetProperty("id").GetGuid();
    }
}
