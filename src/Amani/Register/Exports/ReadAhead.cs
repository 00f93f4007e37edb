using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Amani.Register.Exports;

/// <summary>
/// Runs a synchronous producer (an export's database reader) on a thread of its own and hands what it produces to an
/// asynchronous consumer (the response writer), in order and in batches, so that reading the database and writing the
/// file run side by side. At most <c>batches</c> batches wait between them: when the consumer falls behind, the
/// producer waits, so memory stays flat.
/// <para>
/// The producer's thread is its own, not the thread pool's: its waits (on the database, or for room) block only it,
/// and hand-offs happen once per batch instead of once per network read, which on a busy 2-core machine saved the
/// thread pool's spinning. When the consumer stops early (the client went away, or it failed) the producer's token is
/// cancelled and the consumer waits for it to end before returning; the producer's exception is the consumer's.
/// </para>
/// </summary>
public static class ReadAhead
{
    public static async IAsyncEnumerable<T> RunAsync<T>(Func<CancellationToken, IEnumerable<T>> produce, int batchSize, int batches,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var room = new SemaphoreSlim(batches, batches);
        var channel = Channel.CreateUnbounded<ArraySegment<T>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var producer = Task.Factory.StartNew(() => Produce(produce, batchSize, room, channel.Writer, stop.Token), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var batch))
                {
                    room.Release();
                    foreach (var item in batch)
                        yield return item;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer; // never faults: the producer's exception went into the channel
        }
    }

    private static void Produce<T>(Func<CancellationToken, IEnumerable<T>> produce, int batchSize, SemaphoreSlim room,
        ChannelWriter<ArraySegment<T>> channel, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new T[batchSize];
            var count = 0;
            foreach (var item in produce(cancellationToken))
            {
                batch[count++] = item;
                if (count < batchSize)
                    continue;
                room.Wait(cancellationToken);
                channel.TryWrite(batch);
                (batch, count) = (new T[batchSize], 0);
            }
            if (count > 0)
            {
                room.Wait(cancellationToken);
                channel.TryWrite(new ArraySegment<T>(batch, 0, count));
            }
            channel.TryComplete();
        }
        catch (Exception e)
        {
            channel.TryComplete(e);
        }
    }
}
