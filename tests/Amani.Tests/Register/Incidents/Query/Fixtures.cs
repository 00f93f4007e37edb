using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Foundation.Areas;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Organizations;
using Microsoft.EntityFrameworkCore;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Foundation.Missions;

namespace Amani.Tests.Register.Incidents.Query;

/// <summary>Small helpers shared by the query, duplicate and visibility tests.</summary>
public static class Fixtures
{
    public static Task<Guid> OrganizationAsync(TestApp app, string name) => app.WithScopeAsync(async services =>
        (await services.GetRequiredService<OrganizationRules>().CreateAsync(new CreateOrganizationRequest(name, null, OrganizationKind.Ngo, null),
            CancellationToken.None)).Value!.Id);

    public static async Task<Guid> RecordAsync(HttpClient client, object incident, string mission = TestMission.Code)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/missions/{mission}/incidents", incident);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Approves the publication of an incident's description that its recorder asked for: a second person (a new analyst
    /// of the mission) does it, as the rule requires.
    /// </summary>
    public static async Task PublishAsync(TestApp app, Guid incident, string mission = TestMission.Code)
    {
        var approver = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, mission));
        var current = await approver.GetAsync($"/api/v1/incidents/{incident}");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incidents/{incident}/publication");
        request.Headers.IfMatch.Add(current.Headers.ETag!);
        var approved = await approver.SendAsync(request);
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
    }

    /// <summary>Every id of the list at <paramref name="url"/>, following the cursor with pages of <paramref name="limit"/>.</summary>
    public static async Task<List<Guid>> AllPagesAsync(HttpClient client, string url, int limit, Func<Task>? betweenPages = null)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var separator = url.Contains('?') ? '&' : '?';
            var page = await client.GetFromJsonAsync<JsonElement>($"{url}{separator}limit={limit}{(cursor is null ? "" : "&cursor=" + cursor)}");
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
            if (betweenPages is not null)
                await betweenPages();
        }
        while (cursor is not null);
        return ids;
    }

    /// <summary>Adds district CF.AA.01 (level 2, under the test province) and province CF.BB elsewhere.</summary>
    public static Task AddAreasAsync(TestApp app) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AmaniDbContext>();
        var mission = await db.Missions.SingleAsync(m => m.Code == TestMission.Code);
        var areas = services.GetRequiredService<AreaRules>();
        await areas.AddAsync(mission, new CreateAreaRequest("CF.AA.01", "Boali", 2, TestMission.Province, null, 4.6, 18.6), CancellationToken.None);
        await areas.AddAsync(mission, new CreateAreaRequest("CF.AA.01.X", "Boali centre", 3, "CF.AA.01", null, null, null), CancellationToken.None);
        await areas.AddAsync(mission, new CreateAreaRequest("CF.BB", "Lobaye", 1, "CF", null, null, null), CancellationToken.None);
        await db.SaveChangesAsync();
        return 0;
    });
}
