using System.Text.Json;
using Amani.Platform.Data;
using Npgsql;

namespace Amani.Platform.Live;

/// <summary>How published events reach every node's <see cref="LiveBus"/>.</summary>
public interface ILiveTransport
{
    Task Ready { get; }

    Task SendAsync(IReadOnlyList<LiveEvent> events, CancellationToken cancellationToken);
}

/// <summary>One node (SQLite): events go straight to this process's bus.</summary>
public sealed class InProcessLiveTransport(IServiceProvider services) : ILiveTransport
{
    public Task Ready => Task.CompletedTask;

    public Task SendAsync(IReadOnlyList<LiveEvent> events, CancellationToken cancellationToken)
    {
        var bus = services.GetRequiredService<LiveBus>();
        foreach (var @event in events)
            bus.Deliver(@event);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Several nodes on one PostgreSQL database: events are sent with <c>pg_notify</c> on the <see cref="Channel"/>, and
/// every node (the sender too) hears them through <see cref="PostgresLiveListener"/>, which delivers them to its bus.
/// A notification carries at most <see cref="PerNotification"/> events (the payload limit is 8000 bytes).
/// </summary>
public sealed class PostgresLiveTransport(DatabaseTarget database) : ILiveTransport
{
    public const string Channel = "amani_live";
    private const int PerNotification = 20;

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    internal void MarkReady() => _ready.TrySetResult();

    public async Task SendAsync(IReadOnlyList<LiveEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var chunk in events.Chunk(PerNotification))
        {
            await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", JsonSerializer.Serialize(chunk, LiveJson.Options));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>
/// Listens on the PostgreSQL channel for as long as the node runs, and delivers what it hears to the bus. A lost
/// connection is reopened after a pause (events published meanwhile are missed: clients reload on reconnect).
/// </summary>
public sealed class PostgresLiveListener(DatabaseTarget database, PostgresLiveTransport transport, LiveBus bus, ILogger<PostgresLiveListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString)
                    { Pooling = false, KeepAlive = 30 }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, notification) => Receive(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresLiveTransport.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                transport.MarkReady();
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.IO.IOException or InvalidOperationException or TimeoutException)
            {
                logger.LogWarning(exception, "The live feed lost its PostgreSQL listener; reconnecting");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Receive(string payload)
    {
        try
        {
            foreach (var @event in JsonSerializer.Deserialize<LiveEvent[]>(payload, LiveJson.Options) ?? [])
                bus.Deliver(@event);
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "Ignored a live notification that is not a list of events");
        }
    }
}

internal static class LiveJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
