using Amani.Platform.Data;

namespace Amani.Platform.Hosting;

public enum LogFormat { Text, Json }

/// <summary>
/// Every setting Amani reads. Each comes from a command-line option when given, else from its environment variable,
/// else its default (see the README's configuration table).
/// </summary>
public sealed record AmaniSettings
{
    public required string DataDirectory { get; init; }
    public required DatabaseTarget Database { get; init; }
    public string Urls { get; init; } = "http://127.0.0.1:5080";
    public LogFormat LogFormat { get; init; } = LogFormat.Text;
    /// <summary>Seed the demo mission when <c>serve</c> starts on an empty database (<c>AMANI_DEMO</c>).</summary>
    public bool SeedDemo { get; init; } = true;
    /// <summary>Requests per minute per client address on anonymous endpoints (<c>AMANI_ANONYMOUS_RATE_LIMIT</c>).</summary>
    public int AnonymousRequestsPerMinute { get; init; } = 30;
    /// <summary>Tracking-code look-ups per minute per client address (<c>AMANI_TRACKING_RATE_LIMIT</c>).</summary>
    public int TrackingLookupsPerMinute { get; init; } = 20;
    /// <summary>Mission that anonymous reports go to when they name none (<c>AMANI_DEFAULT_MISSION</c>); else the only mission.</summary>
    public string? DefaultMission { get; init; }
    /// <summary>Largest accepted request body in bytes (<c>AMANI_MAX_BODY_BYTES</c>).</summary>
    public long MaxRequestBodyBytes { get; init; } = Problems.RequestLimits.DefaultMaxBodyBytes;
    /// <summary>Reverse proxies whose X-Forwarded-For is trusted (<c>AMANI_TRUSTED_PROXIES</c>, comma-separated); none by default.</summary>
    public IReadOnlyList<System.Net.IPAddress> TrustedProxies { get; init; } = [];
    /// <summary>Map the benchmark's no-op intake endpoint (<c>AMANI_BENCH_NOOP=true</c>; off in production).</summary>
    public bool BenchmarkNoop { get; init; }
    /// <summary>Tile URL template of a tile server for every map of the pages (<c>AMANI_MAP_TILE_URL</c>, e.g. <c>https://tiles.example/{z}/{x}/{y}.png</c>); none by default: the map shows the vector boundaries only.</summary>
    public string? MapTileUrl { get; init; }

    public static AmaniSettings Resolve(string? dataDirectory = null, string? database = null, string? urls = null)
    {
        var directory = Path.GetFullPath(dataDirectory ?? Env("AMANI_DATA_DIR") ?? "data");
        return new AmaniSettings
        {
            DataDirectory = directory,
            Database = DatabaseTarget.Resolve(database ?? Env("AMANI_DATABASE"), directory),
            Urls = urls ?? Env("AMANI_URLS") ?? "http://127.0.0.1:5080",
            LogFormat = Env("AMANI_LOG_FORMAT")?.Equals("json", StringComparison.OrdinalIgnoreCase) == true ? LogFormat.Json : LogFormat.Text,
            SeedDemo = !string.Equals(Env("AMANI_DEMO"), "false", StringComparison.OrdinalIgnoreCase),
            AnonymousRequestsPerMinute = int.TryParse(Env("AMANI_ANONYMOUS_RATE_LIMIT"), out var perMinute) && perMinute > 0 ? perMinute : 30,
            DefaultMission = Env("AMANI_DEFAULT_MISSION"),
            TrackingLookupsPerMinute = int.TryParse(Env("AMANI_TRACKING_RATE_LIMIT"), out var lookups) && lookups > 0 ? lookups : 20,
            TrustedProxies = ReverseProxy.Parse(Env("AMANI_TRUSTED_PROXIES")),
            MaxRequestBodyBytes = long.TryParse(Env("AMANI_MAX_BODY_BYTES"), out var bytes) && bytes > 0 ? bytes : Problems.RequestLimits.DefaultMaxBodyBytes,
            BenchmarkNoop = string.Equals(Env("AMANI_BENCH_NOOP"), "true", StringComparison.OrdinalIgnoreCase),
            MapTileUrl = Env("AMANI_MAP_TILE_URL"),
        };
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
