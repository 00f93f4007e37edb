using Amani.Access;
using Amani.Dashboard;
using Amani.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Dashboard;

/// <summary>The map's point index is loaded when the server starts, before any dashboard asks for it.</summary>
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
}
