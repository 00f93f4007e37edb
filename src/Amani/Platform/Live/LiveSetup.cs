using Amani.Platform.Data;

namespace Amani.Platform.Live;

/// <summary>How often an idle stream gets a comment line, what reconnection delay clients are told, how long a new stream waits for the listener.</summary>
public sealed record LiveSettings(TimeSpan Heartbeat, TimeSpan Retry, TimeSpan ReadyTimeout)
{
    public static LiveSettings Default { get; } = new(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
}

public static class LiveSetup
{
    /// <summary>
    /// The live feed: changes found in EF Core's saves (<see cref="LiveChanges"/>), published after commit; in process on
    /// SQLite (one node), through PostgreSQL LISTEN/NOTIFY on PostgreSQL (any number of nodes on one database).
    /// </summary>
    public static IServiceCollection AddLive(this IServiceCollection services, DatabaseTarget database)
    {
        services.AddSingleton(LiveSettings.Default);
        services.AddSingleton<LiveBus>();
        services.AddSingleton<LiveChanges>();
        services.AddSingleton<LiveSaveInterceptor>();
        services.AddSingleton<LiveTransactionInterceptor>();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<PostgresLiveTransport>();
            services.AddSingleton<ILiveTransport>(sp => sp.GetRequiredService<PostgresLiveTransport>());
            services.AddHostedService<PostgresLiveListener>();
        }
        else
            services.AddSingleton<ILiveTransport, InProcessLiveTransport>();
        services.ConfigureDbContext<AmaniDbContext>((provider, options) => options.AddInterceptors(
            provider.GetRequiredService<LiveSaveInterceptor>(), provider.GetRequiredService<LiveTransactionInterceptor>()));
        return services;
    }
}
