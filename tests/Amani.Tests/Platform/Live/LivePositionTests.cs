using Amani.Platform.Data;
using Amani.Platform.Live;
using Amani.Tests.Analysis.Alerts;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Platform.Live;

/// <summary>
/// A page takes the feed's position before it reads what it shows, and opens the feed from there (<c>?lastEventId=</c>):
/// what was committed in between is replayed, not lost; a position of another node can only be answered with a reset.
/// </summary>
public sealed class LivePositionTests
{
    private static readonly string Path = $"/api/v1/missions/{AlertWorld.Mission}/live";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_stream_opened_from_a_pages_position_replays_what_was_committed_after_it(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var bus = world.App.Services.GetRequiredService<LiveBus>();
        var untouched = bus.Position;
        var (quiet, none) = await LiveClient.OpenAsync(world.Duty, $"{Path}?lastEventId={untouched}");
        await using (quiet)
            Assert.Empty(none);

        var position = bus.Position;
        var incident = await world.IncidentAsync(AlertWorld.InOuham, 0.1); // while the page is being made, before its feed connects
        await world.ReportAsync(AlertWorld.InOuham);
        await DeliveredAsync(bus, Sequence(position) + 2); // on PostgreSQL the notifications come back asynchronously
        var (live, missed) = await LiveClient.OpenAsync(world.Duty, $"{Path}?lastEventId={Uri.EscapeDataString(position)}");
        await using (live)
        {
            Assert.Equal(["incident", "report"], missed.Select(e => e.Name));
            Assert.Equal(incident, missed[0].Data.GetProperty("id").GetGuid());
            Assert.NotEqual(position, bus.Position);
        }

        var (later, nothing) = await LiveClient.OpenAsync(world.Duty, $"{Path}?lastEventId={Uri.EscapeDataString(bus.Position)}");
        await using (later)
            Assert.Empty(nothing);
    }

    private static long Sequence(string position) => long.Parse(position[(position.LastIndexOf('-') + 1)..]);

    private static async Task DeliveredAsync(LiveBus bus, long sequence)
    {
        for (var i = 0; i < 600 && Sequence(bus.Position) < sequence; i++) // up to 30 s: a loaded machine may take seconds
            await Task.Delay(50);
        Assert.Equal(sequence, Sequence(bus.Position));
    }

    [Fact]
    public async Task A_position_taken_on_another_node_is_answered_with_a_reset()
    {
        var database = TestDatabase.Create(DatabaseProvider.Postgres);
        await using var world = await AlertWorld.StartAsync(DatabaseProvider.Postgres, database: database);
        await using var nodeB = await TestApp.StartNodeAsync(database);
        var positionOnB = nodeB.Services.GetRequiredService<LiveBus>().Position;
        var (live, missed) = await LiveClient.OpenAsync(world.Duty, $"{Path}?lastEventId={Uri.EscapeDataString(positionOnB)}");
        await using (live)
            Assert.Equal("reset", Assert.Single(missed).Name);
    }
}
