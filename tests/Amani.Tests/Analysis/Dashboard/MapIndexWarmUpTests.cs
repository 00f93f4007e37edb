using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Analysis.Dashboard;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Foundation.Missions;

namespace Amani.Tests.Analysis.Dashboard;

/// <summary>
/// The map's point index: loaded when the server starts, before any dashboard asks for it; and each request re-reads
/// only the rows changed shortly before its previous read, not every row changed shortly before the newest change.
/// </summary>
public sealed class MapIndexWarmUpTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_starting_node_loads_every_missions_map_index_before_the_first_request(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var nodeA = await TestApp.StartNodeAsync(database);
        await TestMission.CreateAsync(nodeA);
        var officer = await nodeA.SignInAsync(await nodeA.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        for (var i = 0; i < 3; i++)
            await MapClustersApiTests.RecordAsync(officer, MapClustersApiTests.Incident(4.5 + i * 0.01, 18.5));
        await MapClustersApiTests.RecordAsync(officer, new
        {
            source = "patrol", categoryCode = "battles", occurredAt = new DateTimeOffset(2024, 3, 10, 12, 0, 0, TimeSpan.Zero),
            placeName = "Somewhere", description = "No position: not on the map.",
        });
        Guid mission;
        await using (var scope = nodeA.Services.CreateAsyncScope())
            mission = await scope.ServiceProvider.GetRequiredService<AmaniDbContext>().Missions.Where(m => m.Code == TestMission.Code).Select(m => m.Id).SingleAsync();

        await using var nodeB = await TestApp.StartNodeAsync(database);
        await nodeB.Services.GetRequiredService<MapIndexWarmUp>().Completed.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, nodeB.Services.GetRequiredService<MapPointIndex>().LoadedPoints(mission));
        Assert.Null(nodeB.Services.GetRequiredService<MapPointIndex>().LoadedPoints(Guid.NewGuid()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_request_rereads_only_the_rows_changed_since_shortly_before_the_previous_read(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        for (var i = 0; i < 3; i++)
            await MapClustersApiTests.RecordAsync(officer, MapClustersApiTests.Incident(4.5 + i * 0.01, 18.5));
        Guid mission;
        await using (var scope = app.Services.CreateAsyncScope())
            mission = await scope.ServiceProvider.GetRequiredService<AmaniDbContext>().Missions.Where(m => m.Code == TestMission.Code).Select(m => m.Id).SingleAsync();
        var index = app.Services.GetRequiredService<MapPointIndex>();
        const string view = "bbox=14,2,28,11&zoom=6";

        Assert.Equal(3, await TotalAsync(officer, view)); // loads the mission
        Assert.Equal(3, await TotalAsync(officer, view)); // re-reads the three rows, written within the overlap before the load
        Assert.Equal(3, index.CaughtUpRows(mission));
        app.Clock.Advance(MapPointIndex.Overlap + TimeSpan.FromMinutes(1));
        Assert.Equal(3, await TotalAsync(officer, view)); // still within the overlap before the previous read
        Assert.Equal(3, index.CaughtUpRows(mission));
        Assert.Equal(3, await TotalAsync(officer, view)); // the newest change is old now: nothing to re-read
        Assert.Equal(0, index.CaughtUpRows(mission));

        await MapClustersApiTests.RecordAsync(officer, MapClustersApiTests.Incident(4.6, 18.6));
        Assert.Equal(4, await TotalAsync(officer, view));
        Assert.Equal(1, index.CaughtUpRows(mission));
    }

    private static async Task<int> TotalAsync(HttpClient client, string query)
    {
        var answer = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/missions/{TestMission.Code}/map/clusters?{query}");
        return answer.GetProperty("total").GetInt32();
    }
}
