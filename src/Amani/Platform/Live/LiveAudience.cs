using Amani.Platform.Access;
using Amani.Platform.Data;

namespace Amani.Platform.Live;

/// <summary>
/// Who a subscriber is, for the live feed of one mission: for each registered <see cref="LiveTopic"/>, whether the
/// subscriber may hear its events at all (decided when the subscriber connects: roles changed later apply at the next
/// connection) and, per event, whether this one is theirs (an incident they may see, an alert whose area concerns them).
/// </summary>
public sealed class LiveAudience
{
    private readonly Guid _missionId;
    private readonly IReadOnlyList<LiveListener> _listeners;

    private LiveAudience(Guid missionId, IReadOnlyList<LiveListener> listeners) => (_missionId, _listeners) = (missionId, listeners);

    public static async Task<LiveAudience> ForAsync(IEnumerable<LiveTopic> topics, AmaniDbContext db, AccessContext access, Guid missionId,
        CancellationToken cancellationToken)
    {
        var listeners = new List<LiveListener>();
        foreach (var topic in topics)
            if (await topic.ListenAsync(db, access, missionId, cancellationToken) is { } listener)
                listeners.Add(listener);
        return new LiveAudience(missionId, listeners);
    }

    public async Task<bool> HearsAsync(LiveEvent @event, CancellationToken cancellationToken)
    {
        if (@event.MissionId != _missionId)
            return false;
        foreach (var listener in _listeners)
            if (listener.Kinds.Contains(@event.Kind))
                return await listener.Hears(@event, cancellationToken);
        return false;
    }
}
