using System.ComponentModel.DataAnnotations;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Hosting.Settings;
using Microsoft.Extensions.Options;

namespace Amani.Platform.Hosting;

public enum LogFormat { Text, Json }

/// <summary>
/// The host's settings: each from a command-line option when given, else from its environment variable (named on the
/// property), else its default. Every variable is listed in docs/configuration.md; a refused value stops the command.
/// </summary>
public sealed record AmaniSettings : IValidatableObject
{
    public const string DataDirectoryVariable = "AMANI_DATA_DIR";
    public const string DatabaseVariable = "AMANI_DATABASE";
    public const string UrlsVariable = "AMANI_URLS";

    /// <summary>Full path of the data directory (<c>--data-dir</c>, <c>AMANI_DATA_DIR</c>, default <c>./data</c>).</summary>
    public required string DataDirectory { get; init; }
    /// <summary>The database (<c>--database</c>, <c>AMANI_DATABASE</c>, default <c>{data dir}/amani.db</c>).</summary>
    public required DatabaseTarget Database { get; init; }
    [ConfigurationKeyName(UrlsVariable), HttpUrl(list: true)]
    public string Urls { get; init; } = "http://127.0.0.1:5080";
    [ConfigurationKeyName("AMANI_LOG_FORMAT")]
    public LogFormat LogFormat { get; init; } = LogFormat.Text;
    /// <summary>Seed the demo mission when <c>serve</c> starts on an empty database (<c>AMANI_DEMO</c>).</summary>
    [ConfigurationKeyName("AMANI_DEMO")]
    public bool SeedDemo { get; init; } = true;
    /// <summary>Requests per minute per client address on anonymous endpoints (<c>AMANI_ANONYMOUS_RATE_LIMIT</c>).</summary>
    [ConfigurationKeyName("AMANI_ANONYMOUS_RATE_LIMIT"), Range(1, int.MaxValue)]
    public int AnonymousRequestsPerMinute { get; init; } = 30;
    /// <summary>Tracking-code look-ups per minute per client address (<c>AMANI_TRACKING_RATE_LIMIT</c>).</summary>
    [ConfigurationKeyName("AMANI_TRACKING_RATE_LIMIT"), Range(1, int.MaxValue)]
    public int TrackingLookupsPerMinute { get; init; } = 20;
    /// <summary>Mission that anonymous reports go to when they name none (<c>AMANI_DEFAULT_MISSION</c>); else the only mission.</summary>
    [ConfigurationKeyName("AMANI_DEFAULT_MISSION")]
    public string? DefaultMission { get; init; }
    /// <summary>Largest accepted request body in bytes (<c>AMANI_MAX_BODY_BYTES</c>).</summary>
    [ConfigurationKeyName("AMANI_MAX_BODY_BYTES"), Range(typeof(long), "1", "9223372036854775807")]
    public long MaxRequestBodyBytes { get; init; } = Problems.RequestLimits.DefaultMaxBodyBytes;
    /// <summary>Reverse proxies whose X-Forwarded-For is trusted (<c>AMANI_TRUSTED_PROXIES</c>, comma-separated); none by default.</summary>
    [ConfigurationKeyName("AMANI_TRUSTED_PROXIES")]
    public IReadOnlyList<System.Net.IPAddress> TrustedProxies { get; init; } = [];
    /// <summary>
    /// The address people open Amani at, e.g. <c>https://amani.mission.example</c> (<c>AMANI_PUBLIC_BASE_URL</c>): every
    /// absolute link Amani writes (the CAP and Atom feeds, e-mail, the SMS gateway's signed URL) starts with it. Without it
    /// links use the address the server listens on, never the request's <c>Host</c> header (<see cref="PublicAddress"/>).
    /// </summary>
    [ConfigurationKeyName("AMANI_PUBLIC_BASE_URL")]
    public Uri? PublicBaseUrl { get; init; }
    /// <summary>
    /// The host names requests may name in <c>Host</c> (<c>AMANI_ALLOWED_HOSTS</c>, comma-separated, <c>*.example.org</c>
    /// allowed); others get 400. Default: the public base URL's host and the loopback names when a public base URL is
    /// set, else any host.
    /// </summary>
    [ConfigurationKeyName("AMANI_ALLOWED_HOSTS"), HostPatternList]
    public string? AllowedHosts { get; init; }
    /// <summary>Map the benchmark's no-op intake endpoint (<c>AMANI_BENCH_NOOP=true</c>; off in production).</summary>
    [ConfigurationKeyName("AMANI_BENCH_NOOP")]
    public bool BenchmarkNoop { get; init; }
    /// <summary>Tile URL template of a tile server for every map of the pages (<c>AMANI_MAP_TILE_URL</c>, e.g. <c>https://tiles.example/{z}/{x}/{y}.png</c>); none by default: the map shows the vector boundaries only.</summary>
    [ConfigurationKeyName("AMANI_MAP_TILE_URL"), HttpUrl]
    public string? MapTileUrl { get; init; }
    /// <summary>
    /// The audit chain key itself, base64 (<c>AMANI_AUDIT_KEY</c>, a secret); else <see cref="AuditKeyFile"/>; else
    /// <c>{data dir}/audit.key</c>, generated at the first start. The resolved key is <see cref="DatabaseTarget.AuditKey"/>.
    /// </summary>
    [ConfigurationKeyName(AuditChainKeys.KeyVariable), AuditKeyText]
    public string? AuditKey { get; init; }
    /// <summary>A file holding the audit chain key, base64 (<c>AMANI_AUDIT_KEY_FILE</c>, e.g. a mounted secret).</summary>
    [ConfigurationKeyName(AuditChainKeys.KeyFileVariable), AuditKeyFile]
    public string? AuditKeyFile { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AuditKey is not null && AuditKeyFile is not null)
            yield return new SettingsBinder.RuleResult($"cannot be set together with {AuditChainKeys.KeyVariable}", nameof(AuditKeyFile));
    }

    /// <summary>
    /// The settings of a command: its options (<paramref name="dataDirectory"/>, <paramref name="database"/>,
    /// <paramref name="urls"/>; null when not given) over the environment. Throws <see cref="OptionsValidationException"/>
    /// naming every refused variable.
    /// </summary>
    public static AmaniSettings Resolve(string? dataDirectory = null, string? database = null, string? urls = null) =>
        Resolve(AmaniConfiguration.FromEnvironment(new Dictionary<string, string?>
        {
            [DataDirectoryVariable] = dataDirectory, [DatabaseVariable] = database, [UrlsVariable] = urls,
        }));

    public static AmaniSettings Resolve(IConfiguration configuration)
    {
        var directory = Path.GetFullPath(SettingsBinder.ValueOf(configuration, DataDirectoryVariable) ?? "data");
        DatabaseTarget target;
        try
        {
            target = DatabaseTarget.Resolve(SettingsBinder.ValueOf(configuration, DatabaseVariable), directory);
        }
        catch (ArgumentException)
        {
            throw new OptionsValidationException(nameof(AmaniSettings), typeof(AmaniSettings), [SettingsBinder.Failure(DatabaseVariable,
                "a SQLite file path or connection string, or a PostgreSQL connection string such as 'Host=db;Database=amani;Username=amani;Password=…'")]);
        }
        var settings = SettingsBinder.BindValid(configuration, new AmaniSettings { DataDirectory = directory, Database = target });
        return settings with { Database = target with { AuditKey = AuditChainKeys.Resolve(settings.AuditKey, settings.AuditKeyFile, directory) } };
    }
}
