using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Analysis.Aggregates;
using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Analysis.Aggregates;

/// <summary>
/// Mission ALPHA (<see cref="TestMission"/>: country CF, province CF.AA = 18–19°E × 4–5°N) with a district CF.AA.SW, its
/// south-western quarter (18–18.5°E × 4–4.5°N), and helpers to record incidents and read the aggregates.
/// </summary>
public static class AggregateWorld
{
    public const string District = "CF.AA.SW";

    public static async Task<Mission> CreateAsync(TestApp app)
    {
        var mission = await TestMission.CreateAsync(app);
        await app.WithScopeAsync(async services =>
        {
            var square = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[18,4],[18.5,4],[18.5,4.5],[18,4.5],[18,4]]]}""").RootElement;
            var added = await services.GetRequiredService<AreaRules>().AddAsync(mission,
                new CreateAreaRequest(District, "South-west", 2, TestMission.Province, square, null, null), CancellationToken.None);
            Assert.True(added.Succeeded, added.Refusal?.Message);
            return await services.GetRequiredService<AmaniDbContext>().SaveChangesAsync();
        });
        return mission;
    }

    public static object Incident(DateTimeOffset occurredAt, double latitude, double longitude, string category = "battles.armed-clash",
        string actorType = "stateForces", int low = 1, int best = 2, int high = 3, string confidentiality = "public") => new
    {
        source = "patrol", categoryCode = category, occurredAt, latitude, longitude, locationPrecision = "exact", description = "Clashes near the river.",
        fatalitiesLow = low, fatalitiesBest = best, fatalitiesHigh = high, confidentiality,
        restrictedToRoles = confidentiality == "restricted" ? new[] { "dutyOfficer" } : null,
        actors = new object[] { new { name = "National army", side = 1, type = actorType }, new { name = "Armed group", side = 2, type = "rebelGroup" } },
    };

    public static async Task<(string Location, string ETag)> RecordAsync(HttpClient client, object incident)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents", incident);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (response.Headers.Location!.ToString(), response.Headers.ETag!.Tag);
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body, string etag)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response;
    }

    public static async Task<AggregateSeries> SeriesAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/missions/{TestMission.Code}/aggregates?{query}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AggregateSeries>(Json))!;
    }

    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Amani.Platform.Problems.JsonSetup.Configure(options);
        return options;
    }

    /// <summary>Every aggregate row of every mission, as comparable text (to compare an incremental state with a rebuild).</summary>
    public static Task<List<string>> SnapshotAsync(TestApp app) => app.WithDbAsync(async db =>
    {
        var areas = await db.Set<AreaMonthAggregate>().AsNoTracking().ToListAsync();
        var cells = await db.Set<CellMonthAggregate>().AsNoTracking().ToListAsync();
        return areas.Select(a => $"area {a.MissionId} {a.AreaId} {a.MonthId} {a.Violence} {a.Confidentiality} {a.Events} {a.FatalitiesBest} {a.FatalitiesLow} {a.FatalitiesHigh}")
            .Concat(cells.Select(c => $"cell {c.MissionId} {c.Cell} {c.MonthId} {c.Violence} {c.Confidentiality} {c.Events} {c.FatalitiesBest} {c.FatalitiesLow} {c.FatalitiesHigh}"))
            .Order(StringComparer.Ordinal).ToList();
    });

    public static Task RefreshAsync(TestApp app, Guid missionId) =>
        app.WithScopeAsync(services => services.GetRequiredService<AggregateRefresher>().RefreshAsync(missionId, CancellationToken.None));

    public static Task<AggregateRefresher.Outcome> RebuildAsync(TestApp app, Guid missionId) =>
        app.WithScopeAsync(services => services.GetRequiredService<AggregateRefresher>().RebuildAsync(missionId, CancellationToken.None));
}
