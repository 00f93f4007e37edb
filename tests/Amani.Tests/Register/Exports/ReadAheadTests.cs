using Amani.Register.Exports;
using Xunit;

namespace Amani.Tests.Register.Exports;

/// <summary>
/// The hand-off between an export's reading thread and its writer: order, bounded look-ahead, the producer's own
/// thread, and what happens when either side stops.
/// </summary>
public sealed class ReadAheadTests
{
    [Fact]
    public async Task Every_item_arrives_in_order_across_full_and_partial_batches()
    {
        var items = new List<int>();
        await foreach (var item in ReadAhead.RunAsync(_ => Enumerable.Range(0, 1_003), batchSize: 7, batches: 2, CancellationToken.None))
            items.Add(item);
        Assert.Equal(Enumerable.Range(0, 1_003), items);

        await foreach (var _ in ReadAhead.RunAsync(_ => Enumerable.Empty<int>(), batchSize: 7, batches: 2, CancellationToken.None))
            Assert.Fail("Nothing was produced.");
    }

    [Fact]
    public async Task The_producer_runs_on_its_own_thread_and_stays_at_most_a_few_batches_ahead()
    {
        var produced = 0;
        var onPool = false;
        IEnumerable<int> Produce(CancellationToken cancellationToken)
        {
            onPool = Thread.CurrentThread.IsThreadPoolThread;
            for (var n = 0; n < 500; n++)
            {
                Interlocked.Increment(ref produced);
                yield return n;
            }
        }

        var consumed = 0;
        var furthestAhead = 0;
        await foreach (var _ in ReadAhead.RunAsync(Produce, batchSize: 10, batches: 3, CancellationToken.None))
        {
            consumed++;
            await Task.Delay(1); // a slow writer
            furthestAhead = Math.Max(furthestAhead, Volatile.Read(ref produced) - consumed);
        }
        Assert.Equal(500, consumed);
        Assert.False(onPool);
        // 3 batches waiting, the one being written and the one being filled: never more than 5 × 10 items ahead.
        Assert.InRange(furthestAhead, 1, 50);
    }

    [Fact]
    public async Task The_producers_exception_reaches_the_consumer_after_the_items_before_it()
    {
        IEnumerable<int> Produce(CancellationToken cancellationToken)
        {
            for (var n = 0; n < 25; n++)
                yield return n;
            throw new InvalidDataException("row 25 is broken");
        }

        var items = new List<int>();
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var item in ReadAhead.RunAsync(Produce, batchSize: 10, batches: 2, CancellationToken.None))
                items.Add(item);
        });
        Assert.Equal("row 25 is broken", error.Message);
        Assert.Equal(Enumerable.Range(0, 20), items); // the last partial batch never left the producer
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task When_the_consumer_stops_or_is_cancelled_the_producer_is_cancelled_and_finished_before_it_returns(bool cancel)
    {
        var producerFinished = false;
        var produced = 0;
        IEnumerable<int> Produce(CancellationToken cancellationToken)
        {
            try
            {
                for (; produced < 1_000_000 && !cancellationToken.IsCancellationRequested; produced++)
                    yield return produced;
            }
            finally
            {
                Thread.Sleep(50); // closing the connection takes a moment
                producerFinished = true;
            }
        }

        using var client = new CancellationTokenSource();
        var run = async () =>
        {
            await foreach (var item in ReadAhead.RunAsync(Produce, batchSize: 4, batches: 2, client.Token))
            {
                if (item < 100)
                    continue;
                if (cancel)
                    await client.CancelAsync();
                else
                    break;
            }
        };
        if (cancel)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(run);
        else
            await run();
        Assert.True(producerFinished);
        Assert.InRange(produced, 101, 200); // it stopped a few batches after the consumer, not at the end
    }
}
