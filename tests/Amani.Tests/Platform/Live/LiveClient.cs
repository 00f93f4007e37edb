using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Xunit;

namespace Amani.Tests.Platform.Live;

/// <summary>A server-sent events reader over a signed-in client: the events of one stream, in order, as they arrive.</summary>
public sealed class LiveClient : IAsyncDisposable
{
    public sealed record Event(string? Id, string Name, JsonElement Data);

    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<Event> _events = Channel.CreateUnbounded<Event>();
    private readonly Task _reading;

    private LiveClient(HttpResponseMessage response)
    {
        _response = response;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Opens the stream and waits for its <c>ready</c> event (what was missed comes before it, in <paramref name="missed"/>).</summary>
    public static async Task<(LiveClient Client, List<Event> Missed)> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var live = new LiveClient(response);
        var missed = new List<Event>();
        while (await live.NextAsync() is var next && next.Name != "ready")
            missed.Add(next);
        return (live, missed);
    }

    /// <summary>The next event (fails the test after <paramref name="timeout"/>, 10 s by default).</summary>
    public async Task<Event> NextAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _events.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No live event arrived in time.");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("The server closed the live stream.");
        }
    }

    /// <summary>True when the server ended the stream (after draining every event before the end).</summary>
    public async Task<bool> EndsAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            while (await _events.Reader.WaitToReadAsync(wait.Token))
                _events.Reader.TryRead(out _);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await using var stream = await _response.Content.ReadAsStreamAsync(_stop.Token);
            using var reader = new StreamReader(stream);
            string? id = null, name = null, data = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data is not null)
                        await _events.Writer.WriteAsync(new Event(id, name ?? "message", JsonDocument.Parse(data).RootElement.Clone()));
                    id = name = data = null;
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                    id = line[4..];
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                    name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    data = line[6..];
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or HttpRequestException)
        {
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading;
        _stop.Dispose();
    }
}
