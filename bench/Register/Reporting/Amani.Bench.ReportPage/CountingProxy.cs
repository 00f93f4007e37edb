using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Amani.Bench.ReportPage;

/// <summary>
/// A TCP proxy in front of the server that counts the bytes the server sends back (status line, headers and body, as
/// they cross the wire), per request: it reads each HTTP/1.1 request's head from the browser, and attributes the answer
/// bytes that follow to it (Chromium does not pipeline, so on one connection an answer ends before the next request).
/// Everything the browser fetches from the network passes here, the service worker's fetches included; what the
/// browser takes from its cache never does.
/// In <see cref="Reference"/> mode it rewrites each request as a browser of the old server got it: <c>Accept-Encoding:
/// identity</c> (nothing compressed) and the boundaries' <c>detail=</c> turned to <c>full</c> (the stored geometry).
/// </summary>
public sealed class CountingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Exchange> _exchanges = new();
    private long _lastActivity = Environment.TickCount64;

    public sealed class Exchange(string target)
    {
        public string Target { get; } = target;
        public long ResponseBytes;
        public string? Status;
        public string? Encoding;
    }

    public CountingProxy(Uri server, bool reference)
    {
        (_server, Reference) = (server, reference);
        _listener.Start();
        _ = AcceptAsync();
    }

    public bool Reference { get; }
    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>The exchanges so far, and forgets them (the next visit starts from zero).</summary>
    public List<Exchange> Take()
    {
        var taken = new List<Exchange>();
        while (_exchanges.TryDequeue(out var exchange))
            taken.Add(exchange);
        return taken;
    }

    /// <summary>Waits until nothing crossed the proxy for <paramref name="quiet"/> (the service worker's fetches finish after the page's).</summary>
    public async Task QuietAsync(TimeSpan quiet)
    {
        while (Environment.TickCount64 - Interlocked.Read(ref _lastActivity) < quiet.TotalMilliseconds)
            await Task.Delay(100);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        await server.ConnectAsync(_server.Host, _server.Port);
        var (browser, upstream) = (client.GetStream(), server.GetStream());
        Exchange? current = null;
        var responses = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            var head = new StringBuilder();
            int read;
            while ((read = await upstream.ReadAsync(buffer)) > 0)
            {
                Touch();
                var exchange = Volatile.Read(ref current);
                if (exchange is not null)
                {
                    if (exchange.ResponseBytes == 0)
                        head.Clear();
                    exchange.ResponseBytes += read;
                    if (exchange.Status is null)
                    {
                        head.Append(Encoding.Latin1.GetString(buffer, 0, read));
                        var text = head.ToString();
                        if (text.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var end and >= 0)
                        {
                            var lines = text[..end].Split("\r\n");
                            exchange.Encoding = lines.Skip(1).Where(l => l.StartsWith("Content-Encoding:", StringComparison.OrdinalIgnoreCase))
                                .Select(l => l[17..].Trim()).FirstOrDefault();
                            exchange.Status = lines[0].Split(' ')[1];
                        }
                    }
                }
                await browser.WriteAsync(buffer.AsMemory(0, read));
            }
            client.Client.Shutdown(SocketShutdown.Send);
        });
        try
        {
            while (await ReadHeadAsync(browser) is { } request)
            {
                Touch();
                var (target, rewritten, bodyLength) = Rewrite(request);
                var exchange = new Exchange(target);
                _exchanges.Enqueue(exchange);
                Volatile.Write(ref current, exchange);
                await upstream.WriteAsync(Encoding.Latin1.GetBytes(rewritten));
                if (bodyLength > 0)
                    await CopyAsync(browser, upstream, bodyLength);
            }
        }
        catch (IOException)
        {
            // The browser closed the connection.
        }
        server.Client.Shutdown(SocketShutdown.Send);
        await responses.ContinueWith(_ => { });
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);

    /// <summary>The request's target, the head to send on, and its body's length.</summary>
    private (string Target, string Head, long BodyLength) Rewrite(string head)
    {
        var lines = head.Split("\r\n").ToList();
        var target = lines[0].Split(' ')[1];
        long length = 0;
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                length = long.Parse(lines[i][15..].Trim());
            if (Reference && lines[i].StartsWith("Accept-Encoding:", StringComparison.OrdinalIgnoreCase))
                lines[i] = "Accept-Encoding: identity";
        }
        if (Reference && target.Contains("handler=boundaries", StringComparison.Ordinal))
            lines[0] = System.Text.RegularExpressions.Regex.Replace(lines[0], "detail=[a-z]+", "detail=full");
        return (lines[0].Split(' ')[1], string.Join("\r\n", lines) + "\r\n\r\n", length);
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>(1024);
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0)
                return null;
            bytes.Add(one[0]);
            var n = bytes.Count;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n')
                return Encoding.Latin1.GetString(bytes.ToArray(), 0, n - 4);
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, long length)
    {
        var buffer = new byte[16 * 1024];
        while (length > 0 && await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length))) is var read and > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read));
            length -= read;
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        return ValueTask.CompletedTask;
    }
}
