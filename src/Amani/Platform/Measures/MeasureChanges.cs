using System.Threading.Channels;

namespace Amani.Platform.Measures;

/// <summary>
/// What a source says when its records changed after they were committed: the mission, the source, and the months
/// touched (null: any month). Computed indicators over that source are brought up to date soon (Results listens). Kept
/// in memory: a change announced just before the process stops is caught by the scheduled recomputation.
/// </summary>
public sealed record MeasureChange(Guid MissionId, string Source, DateOnly? From, DateOnly? Until);

/// <summary>The in-process queue of <see cref="MeasureChange"/>s: sources write, the computation reads.</summary>
public sealed class MeasureChanges
{
    private readonly Channel<MeasureChange> _channel = Channel.CreateBounded<MeasureChange>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Records of <paramref name="source"/> in <paramref name="missionId"/> changed, in the months from <paramref name="from"/> until <paramref name="until"/> (exclusive), or any month.</summary>
    public void Changed(Guid missionId, string source, DateOnly? from = null, DateOnly? until = null)
    {
        var change = new MeasureChange(missionId, source, from, until);
        _channel.Writer.TryWrite(change);
        Announced?.Invoke(change);
    }

    /// <summary>
    /// Raised with every change as it is announced, besides the queue (which has one reader, the computation): for
    /// whoever wants to watch the announcements without taking them from it (the tests). Handlers must return at once.
    /// </summary>
    public event Action<MeasureChange>? Announced;

    public ChannelReader<MeasureChange> Reader => _channel.Reader;
}
