using System.Text;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace Amani.Platform.Live;

/// <summary>
/// The mission's live feed as server-sent events: <c>incident</c>, <c>incidents</c> (an import batch), <c>report</c> and
/// <c>alert</c> events, each with only the kind, the change and the id (the client reads the record through the API,
/// which applies the access rules), and only those the caller may see. The stream opens with <c>ready</c>; a client
/// reconnecting with <c>Last-Event-ID</c> first gets what it missed, or a <c>reset</c> event when this node cannot
/// tell (it then reloads what it shows). A page opens the feed with <c>?lastEventId=</c> set to <see cref="LiveBus.Position"/>
/// as it was before the page read its data, so that nothing committed while the page loaded is lost (the header wins on reconnection). A comment line every <see cref="LiveSettings.Heartbeat"/> keeps proxies from
/// closing an idle stream. <c>?once=true</c> answers what was missed and <c>ready</c>, then closes (for polling).
/// </summary>
public static class LiveApi
{
    /// <summary>Whoever may see a mission may hear its live feed (the Missions module declares the permission).</summary>
    private static readonly Permission MissionsRead = Permission.Named("missions:read");

    public static RouteGroupBuilder MapLiveApi(this RouteGroupBuilder api)
    {
        api.MapGet("/missions/{code}/live", StreamAsync).WithTags("Live").WithName("MissionLive").RequirePermission(MissionsRead);
        return api;
    }

    private static async Task<IResult> StreamAsync(string code, HttpContext http, AmaniDbContext db, AccessContext access, IMissionDirectory missions,
        LiveBus bus, IEnumerable<LiveTopic> topics, LiveSettings settings, IHostApplicationLifetime lifetime, bool? once = null, string? lastEventId = null)
    {
        var mission = await missions.FindAsync(code, http.RequestAborted);
        if (mission is null || !await access.HasAsync(MissionsRead, mission.Id, http.RequestAborted))
            return Problem.NotFound($"The mission '{code}'");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stop.Token;
        try
        {
            var audience = await LiveAudience.ForAsync(topics, db, access, mission.Id, cancellationToken);
            try
            {
                await bus.Ready.WaitAsync(settings.ReadyTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Not listening yet (the database is slow to answer): stream anyway; the client reloads on reconnect.
            }
            var lastSeen = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? lastEventId;
            using var subscription = bus.Subscribe(string.IsNullOrWhiteSpace(lastSeen) ? null : lastSeen.Trim());

            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            http.Response.ContentType = "text/event-stream; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache, no-store";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            await WriteAsync(http, $"retry: {(int)settings.Retry.TotalMilliseconds}\n\n", cancellationToken);
            if (subscription.Missed is null)
                await WriteAsync(http, "event: reset\ndata: {}\n\n", cancellationToken);
            else
                foreach (var delivery in subscription.Missed)
                    await SendAsync(http, bus, audience, delivery, cancellationToken);
            await WriteAsync(http, "event: ready\ndata: {}\n\n", cancellationToken);
            if (once == true)
                return Results.Empty;

            var reader = subscription.Reader;
            while (!cancellationToken.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                beat.CancelAfter(settings.Heartbeat);
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await WriteAsync(http, ": keep-alive\n\n", cancellationToken);
                    continue;
                }
                if (!more)
                    break; // too slow a reader: the client reconnects with its Last-Event-ID
                while (reader.TryRead(out var delivery))
                    await SendAsync(http, bus, audience, delivery, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away, or the node stops: the stream simply ends.
        }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
        return Results.Empty;
    }

    private static async Task SendAsync(HttpContext http, LiveBus bus, LiveAudience audience, LiveDelivery delivery, CancellationToken cancellationToken)
    {
        var @event = delivery.Event;
        if (!await audience.HearsAsync(@event, cancellationToken))
            return;
        var data = JsonSerializer.Serialize(new LiveMessage(@event.Kind, @event.Change, @event.Id, @event.Count));
        await WriteAsync(http, $"id: {bus.IdOf(delivery)}\nevent: {@event.Kind}\ndata: {data}\n\n", cancellationToken);
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken cancellationToken)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
