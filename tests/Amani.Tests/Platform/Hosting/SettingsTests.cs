using System.Net;
using Amani.Analysis.Aggregates;
using Amani.Analysis.Alerts;
using Amani.Platform.Hosting;
using Amani.Platform.Hosting.Settings;
using Amani.Platform.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace Amani.Tests.Platform.Hosting;

/// <summary>
/// Every <c>AMANI_*</c> variable: a bad value is refused with the variable's name and what it accepts, a good one
/// binds, an empty one counts as unset, and docs/configuration.md lists it.
/// </summary>
public sealed class SettingsTests
{
    /// <summary>A value each variable refuses (every variable that accepts more than any text has a row).</summary>
    public static readonly TheoryData<string, string> BadValues = new()
    {
        { "AMANI_DATABASE", "Host=db;Nonsense=1" },
        { "AMANI_URLS", "127.0.0.1:5080" },
        { "AMANI_LOG_FORMAT", "xml" },
        { "AMANI_LOG_FORMAT", "1" },
        { "AMANI_DEMO", "yes" },
        { "AMANI_ANONYMOUS_RATE_LIMIT", "abc" },
        { "AMANI_TRACKING_RATE_LIMIT", "0" },
        { "AMANI_MAX_BODY_BYTES", "1e6" },
        { "AMANI_TRUSTED_PROXIES", "10.0.0.1, proxy.example" },
        { "AMANI_BENCH_NOOP", "1" },
        { "AMANI_MAP_TILE_URL", "tiles.example/{z}/{x}/{y}.png" },
        { "AMANI_ALERT_INTERVAL_SECONDS", "-5" },
        { "AMANI_FOLLOW_UP_INTERVAL_SECONDS", "ten" },
        { "AMANI_CAP_SENDER_DOMAIN", "not a domain" },
        { "AMANI_FORECAST_INTERVAL_MINUTES", "100000" },
        { "AMANI_IMPORT_MAX_BYTES", "1 GiB" },
        { "AMANI_IMPORT_JOBS", "off" },
        { "AMANI_SMS_TWILIO_API_BASE", "ftp://api.twilio.com" },
        { "AMANI_SMS_PUBLIC_BASE_URL", "amani.example.org" },
        { "AMANI_SMS_RATE_LIMIT", "2.5" },
        { "AMANI_SMS_MAX_ATTEMPTS", "100000" },
        { "AMANI_AGGREGATES_REFRESH_SECONDS", "0.01" },
        { "AMANI_RESULTS_RECOMPUTE_MINUTES", "99999" },
        { "AMANI_PUBLIC_MIN_CELL", "-3" },
        { "AMANI_SMTP_HOST", "mail example org" },
        { "AMANI_SMTP_PORT", "70000" },
        { "AMANI_SMTP_SECURITY", "ssl" },
        { "AMANI_SMTP_FROM", "amani at example.org" },
        { "AMANI_SMTP_MAX_ATTEMPTS", "-3" },
        { "AMANI_PUBLIC_BASE_URL", "amani.example.org" },
        { "AMANI_ALLOWED_HOSTS", "amani.example.org, https://evil.example" },
        { "AMANI_AUDIT_KEY", "c2hvcnQga2V5IG9mIDI0IGJ5dGVzIG9ubHkh" },
        { "AMANI_AUDIT_KEY", "not base64 at all, but long enough to be 32 bytes" },
        { "AMANI_AUDIT_KEY_FILE", "/nonexistent/amani/audit.key" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_is_refused_with_the_variables_name_and_what_it_accepts(string variable, string value)
    {
        var failures = Failures(new() { [variable] = value });

        var failure = Assert.Single(failures);
        Assert.StartsWith($"{variable} ", failure);
        Assert.Contains("it accepts ", failure);
        Assert.DoesNotContain(value, failure); // values are never echoed: some are secrets
    }

    [Fact]
    public void Every_variable_that_can_be_wrong_has_a_bad_value_above_and_every_variable_is_documented()
    {
        var declared = Declared().ToList();
        var withBadValue = BadValues.Select(row => (string)row[0]).ToHashSet();
        var anyText = declared.Where(s => s.Accepts == "any text").Select(s => s.Variable).Append(AmaniSettings.DataDirectoryVariable);
        Assert.Equal(declared.Select(s => s.Variable).Append(AmaniSettings.DataDirectoryVariable).Append(AmaniSettings.DatabaseVariable).Order(),
            withBadValue.Concat(anyText).Order());

        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));
        Assert.All(declared.Select(s => s.Variable).Append(AmaniSettings.DataDirectoryVariable).Append(AmaniSettings.DatabaseVariable),
            variable => Assert.Contains($"| `{variable}` |", docs));
    }

    [Fact]
    public void Good_values_bind_and_empty_ones_count_as_unset()
    {
        var configuration = AmaniConfiguration.FromValues(new Dictionary<string, string?>
        {
            ["AMANI_ANONYMOUS_RATE_LIMIT"] = " 7 ",
            ["AMANI_LOG_FORMAT"] = "JSON",
            ["AMANI_DEMO"] = "False",
            ["AMANI_TRUSTED_PROXIES"] = "10.0.0.1, ::1",
            ["AMANI_TRACKING_RATE_LIMIT"] = "",
            ["AMANI_MAP_TILE_URL"] = "https://tiles.example/{z}/{x}/{y}.png",
            ["AMANI_URLS"] = "http://0.0.0.0:5080;https://*:5443",
            ["AMANI_ALERT_INTERVAL_SECONDS"] = "60",
            ["AMANI_CAP_SENDER_DOMAIN"] = "alerts.example.org",
            ["AMANI_AGGREGATES_REFRESH_SECONDS"] = "0.5",
            ["AMANI_ALLOWED_HOSTS"] = "amani.example.org, *.mission.example,10.0.0.7",
        });

        var settings = AmaniSettings.Resolve(configuration);
        Assert.Equal(7, settings.AnonymousRequestsPerMinute);
        Assert.Equal(LogFormat.Json, settings.LogFormat);
        Assert.False(settings.SeedDemo);
        Assert.Equal([IPAddress.Parse("10.0.0.1"), IPAddress.IPv6Loopback], settings.TrustedProxies);
        Assert.Equal(20, settings.TrackingLookupsPerMinute);
        Assert.Equal("https://tiles.example/{z}/{x}/{y}.png", settings.MapTileUrl);
        Assert.Equal("http://0.0.0.0:5080;https://*:5443", settings.Urls);
        Assert.Equal(["amani.example.org", "*.mission.example", "10.0.0.7"], PublicAddress.AllowedHosts(settings).Select(h => h.Value));

        var alerts = SettingsBinder.BindValid(configuration, new AlertSettings());
        Assert.Equal(TimeSpan.FromMinutes(1), alerts.EvaluationInterval);
        Assert.Equal("alerts.example.org", alerts.CapSenderDomain);
        Assert.Equal(TimeSpan.FromMilliseconds(500), SettingsBinder.BindValid(configuration, new AggregateSettings()).RefreshInterval);
        Assert.Equal(5, SettingsBinder.BindValid(configuration, new Amani.Governance.Results.Public.PublicResultsSettings()).MinCell);
        Assert.Equal(10, SettingsBinder.BindValid(AmaniConfiguration.FromValues(new Dictionary<string, string?> { ["AMANI_PUBLIC_MIN_CELL"] = "10" }),
            new Amani.Governance.Results.Public.PublicResultsSettings()).MinCell);
    }

    [Fact]
    public void Without_a_host_e_mail_is_not_configured_and_with_one_it_needs_a_sender()
    {
        Assert.False(SettingsBinder.BindValid(AmaniConfiguration.FromValues(new Dictionary<string, string?>()), new SmtpOptions()).IsConfigured);

        var failure = Assert.Single(Failures(new() { ["AMANI_SMTP_HOST"] = "mail.example.org" }));
        Assert.Equal("AMANI_SMTP_FROM is required when AMANI_SMTP_HOST is set: it accepts an e-mail address such as amani@example.org, optionally with a name: Amani <amani@example.org>.", failure);

        Assert.StartsWith("AMANI_SMTP_USERNAME is required when AMANI_SMTP_PASSWORD is set:",
            Assert.Single(Failures(new() { ["AMANI_SMTP_PASSWORD"] = "secret" })));

        var smtp = SettingsBinder.BindValid(AmaniConfiguration.FromValues(new Dictionary<string, string?>
        {
            ["AMANI_SMTP_HOST"] = "mail.example.org", ["AMANI_SMTP_FROM"] = "amani@example.org", ["AMANI_SMTP_SECURITY"] = "tls",
            ["AMANI_SMTP_PORT"] = "465", ["AMANI_SMTP_USERNAME"] = "amani", ["AMANI_SMTP_PASSWORD"] = "secret",
        }), new SmtpOptions());
        Assert.True(smtp.IsConfigured);
        Assert.Equal((SmtpSecurity.Tls, 465, "amani@example.org"), (smtp.Security, smtp.Port, smtp.From));
        Assert.Equal((SmtpSecurity.StartTls, 587), (new SmtpOptions().Security, new SmtpOptions().Port));
    }

    [Fact]
    public void The_command_lines_options_win_over_the_environment()
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(AmaniConfiguration.FromValues(new Dictionary<string, string?> { ["AMANI_URLS"] = "http://127.0.0.1:1" }))
            .AddConfiguration(AmaniConfiguration.FromEnvironment(new Dictionary<string, string?> { ["AMANI_URLS"] = "http://127.0.0.1:2" }))
            .Build();

        Assert.Equal("http://127.0.0.1:2", AmaniSettings.Resolve(configuration).Urls);
    }

    /// <summary>What every options class refuses of <paramref name="values"/>.</summary>
    private static List<string> Failures(Dictionary<string, string?> values)
    {
        var configuration = AmaniConfiguration.FromValues(values);
        var failures = new List<string>();
        try
        {
            AmaniSettings.Resolve(configuration);
        }
        catch (OptionsValidationException exception)
        {
            failures.AddRange(exception.Failures);
        }
        foreach (var type in OptionsTypes().Where(t => t != typeof(AmaniSettings)))
        {
            var options = Activator.CreateInstance(type)!;
            SettingsBinder.Bind(configuration, options);
            failures.AddRange(SettingsBinder.Validate(configuration, options));
        }
        return failures;
    }

    private static IEnumerable<Type> OptionsTypes() =>
        typeof(AmaniSettings).Assembly.GetTypes().Where(type => SettingsBinder.Of(type).Count > 0);

    private static IEnumerable<Setting> Declared() => OptionsTypes().SelectMany(SettingsBinder.Of);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Amani.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Amani.slnx) was not found above the test output.");
    }
}
