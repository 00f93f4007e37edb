using System.Threading.Channels;

namespace Amani.Platform.Live;

/// <summary>
/// This node's end of the live feed. Changes are <see cref="PublishAsync">published</see> after their transaction
/// committed, through the <see cref="ILiveTransport"/> (in process on SQLite; PostgreSQL NOTIFY across nodes), and each
/// node <see cref="Deliver">delivers</see> what its transport hears to its subscribers, numbered in this node's
/// sequence. The last <see cref="Kept"/> deliveries are kept so that a client reconnecting to the same node with
/// <c>Last-Event-ID</c> gets what it missed; a client from another node or too far behind is told to reload.
/// </summary>
public sealed class LiveBus(ILiveTransport transport, ILogger<LiveBus> logger)
{
    public const int Kept = 1000;
    private const int SubscriberQueue = 256;

    private readonly Lock _gate = new();
    private readonly LinkedList<LiveDelivery> _recent = new();
    private readonly List<Channel<LiveDelivery>> _subscribers = [];
    private long _sequence;

    /// <summary>Identifies this node's sequence: an event id is <c>{Epoch}-{sequence}</c>.</summary>
    public string Epoch { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Completes once the transport hears every node (PostgreSQL: LISTEN is in place).</summary>
    public Task Ready => transport.Ready;

    public async Task PublishAsync(IReadOnlyList<LiveEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
            return;
        try
        {
            await transport.SendAsync(events, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The change itself is committed; a lost announcement only delays what clients see until they reload.
            logger.LogWarning(exception, "Announcing {Count} live event(s) failed", events.Count);
        }
    }

    /// <summary>Called by the transport for every event any node published.</summary>
    public void Deliver(LiveEvent @event)
    {
        lock (_gate)
        {
            var delivery = new LiveDelivery(++_sequence, @event);
            _recent.AddLast(delivery);
            if (_recent.Count > Kept)
                _recent.RemoveFirst();
            foreach (var subscriber in _subscribers)
                if (!subscriber.Writer.TryWrite(delivery))
                    subscriber.Writer.TryComplete(); // too slow a reader: it reconnects and catches up or reloads
        }
    }

    /// <summary>
    /// A subscription from now on, and what was missed since <paramref name="lastEventId"/>: the events after it, or
    /// null when they are not known here (another node's id, or too old) and the client has to reload.
    /// </summary>
    public Subscription Subscribe(string? lastEventId)
    {
        var channel = Channel.CreateBounded<LiveDelivery>(new BoundedChannelOptions(SubscriberQueue) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
        lock (_gate)
        {
            _subscribers.Add(channel);
            IReadOnlyList<LiveDelivery>? missed = [];
            if (lastEventId is not null)
                missed = After(lastEventId);
            return new Subscription(this, channel, missed);
        }
    }

    private List<LiveDelivery>? After(string lastEventId)
    {
        var dash = lastEventId.LastIndexOf('-');
        if (dash <= 0 || lastEventId[..dash] != Epoch || !long.TryParse(lastEventId[(dash + 1)..], out var seen) || seen > _sequence)
            return null;
        if (seen == _sequence)
            return [];
        if (_recent.First is not { } first || first.Value.Sequence > seen + 1)
            return null;
        return _recent.Where(d => d.Sequence > seen).ToList();
    }

    public string IdOf(LiveDelivery delivery) => $"{Epoch}-{delivery.Sequence}";

    /// <summary>
    /// The id of the last event this node delivered (<c>{Epoch}-0</c> before the first). A page takes it before it reads
    /// what it shows, and opens the feed with it as <c>lastEventId</c>: what happened in between is replayed, not lost.
    /// </summary>
    public string Position
    {
        get { lock (_gate) return $"{Epoch}-{_sequence}"; }
    }

    public int SubscriberCount
    {
        get { lock (_gate) return _subscribers.Count; }
    }

    private void Unsubscribe(Channel<LiveDelivery> channel)
    {
        lock (_gate)
            _subscribers.Remove(channel);
        channel.Writer.TryComplete();
    }

    public sealed class Subscription(LiveBus bus, Channel<LiveDelivery> channel, IReadOnlyList<LiveDelivery>? missed) : IDisposable
    {
        /// <summary>The events missed since the client's Last-Event-ID; null when it has to reload.</summary>
        public IReadOnlyList<LiveDelivery>? Missed { get; } = missed;

        public ChannelReader<LiveDelivery> Reader => channel.Reader;

        public void Dispose() => bus.Unsubscribe(channel);
    }
}
