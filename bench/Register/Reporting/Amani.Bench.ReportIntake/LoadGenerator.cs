using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Amani.Bench;

/// <summary>
/// A closed-loop HTTP load generator: <c>connections</c> workers, each on its own keep-alive connection, each sending
/// the next request as soon as the previous one was answered. Every request gets a fresh index (its idempotency key).
/// </summary>
public sealed class LoadGenerator(Uri server)
{
    /// <summary>Called for every answered request: its index, status and body (the crash test records the codes).</summary>
    public Action<long, HttpStatusCode, string>? OnAnswer { get; init; }
    /// <summary>Called when a request got no answer (connection refused or reset): its index.</summary>
    public Action<long>? OnNoAnswer { get; init; }

    private long _next;

    public async Task<LoadResult> RunAsync(string target, string path, Func<long, byte[]> body, int connections, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections, UseCookies = false, UseProxy = false, AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        using var client = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        var failures = new ConcurrentDictionary<string, long>();
        var stopwatch = Stopwatch.StartNew();
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections)
            .Select(_ => Task.Run(() => WorkAsync(client, path, body, deadline, failures, cancellationToken), cancellationToken)).ToArray();
        var perWorker = await Task.WhenAll(workers);
        stopwatch.Stop();
        var ticks = perWorker.SelectMany(w => w.Ticks).ToArray();
        Array.Sort(ticks);
        return new LoadResult(target, connections, stopwatch.Elapsed, perWorker.Sum(w => w.Succeeded), perWorker.Sum(w => w.Failed), ticks,
            failures);
    }

    private sealed record WorkerResult(List<long> Ticks, long Succeeded, long Failed);

    private async Task<WorkerResult> WorkAsync(HttpClient client, string path, Func<long, byte[]> body, long deadline,
        ConcurrentDictionary<string, long> failures, CancellationToken cancellationToken)
    {
        var ticks = new List<long>(16_384);
        long succeeded = 0, failed = 0;
        while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
        {
            var index = Interlocked.Increment(ref _next);
            using var content = new ByteArrayContent(body(index));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.PostAsync(path, content, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                ticks.Add(Stopwatch.GetTimestamp() - start);
                OnAnswer?.Invoke(index, response.StatusCode, text);
                if (response.StatusCode == HttpStatusCode.Created)
                    succeeded++;
                else
                {
                    failed++;
                    failures.AddOrUpdate(((int)response.StatusCode).ToString(), 1, (_, n) => n + 1);
                }
            }
            catch (HttpRequestException e)
            {
                failed++;
                failures.AddOrUpdate(e.HttpRequestError.ToString(), 1, (_, n) => n + 1);
                OnNoAnswer?.Invoke(index);
                // The server is gone (the crash test killed it): do not spin.
                await Task.Delay(50, CancellationToken.None);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failed++;
                failures.AddOrUpdate("timeout", 1, (_, n) => n + 1);
                OnNoAnswer?.Invoke(index);
            }
        }
        return new WorkerResult(ticks, succeeded, failed);
    }
}
