using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Amani.Platform.Data;
using Amani.Register.Reporting.Sms;
using Amani.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Amani.Register.Reporting;

namespace Amani.Tests.Register.Reporting.Sms;

/// <summary>
/// The Amani server with both SMS gateways configured (Twilio signs for <see cref="PublicBase"/>, as behind a proxy),
/// a stand-in for Twilio's REST API on 127.0.0.1 that records what it is asked to send, and every log line captured.
/// </summary>
public sealed class SmsTestWorld : IAsyncDisposable
{
    public const string AuthToken = "test-twilio-auth-token-0123456789";
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string RapidProSecret = "rapidpro-shared-secret-abcdef";
    public const string PublicBase = "https://amani.example.org";
    public const string TwilioUrl = PublicBase + "/api/v1/sms/twilio";

    public required TestApp App { get; init; }
    public required FakeTwilio Gateway { get; init; }
    public required LogCapture Logs { get; init; }

    public static async Task<SmsTestWorld> StartAsync(DatabaseProvider provider, bool sending = true, bool inbound = true)
    {
        var gateway = await FakeTwilio.StartAsync();
        var logs = new LogCapture();
        var settings = new SmsSettings
        {
            TwilioAuthToken = inbound || sending ? AuthToken : null, PublicBaseUrl = inbound ? new Uri(PublicBase) : null,
            TwilioAccountSid = sending ? AccountSid : null, TwilioFrom = sending ? "+15005550006" : null, TwilioApiBase = gateway.BaseAddress,
            RapidProSecret = inbound ? RapidProSecret : null, OutboxPollInterval = TimeSpan.FromMilliseconds(100),
        };
        var app = await TestApp.StartAsync(provider, services: services =>
        {
            services.AddSingleton(settings);
            services.AddLogging(logging =>
            {
                logging.AddProvider(logs);
                logging.AddFilter<LogCapture>(null, LogLevel.Trace);
            });
        });
        await TestMission.CreateAsync(app);
        return new SmsTestWorld { App = app, Gateway = gateway, Logs = logs };
    }

    /// <summary>Posts a form to the Twilio webhook, signed as Twilio would sign it (or with <paramref name="signature"/>).</summary>
    public Task<HttpResponseMessage> PostTwilioAsync(IReadOnlyList<KeyValuePair<string, string>> form, string? signature = "sign")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        if (signature == "sign")
            signature = TwilioSignature.Compute(AuthToken, TwilioUrl, form);
        if (signature is not null)
            request.Headers.Add("X-Twilio-Signature", signature);
        return App.CreateClient().SendAsync(request);
    }

    public static List<KeyValuePair<string, string>> TwilioForm(string from, string body, string? sid = null) => TwilioFormWithSid(from, body, sid ?? NewSid());

    private static List<KeyValuePair<string, string>> TwilioFormWithSid(string from, string body, string sid) =>
    [
        new("ToCountry", "CF"), new("SmsMessageSid", sid), new("NumMedia", "0"), new("From", from), new("To", "+23670000000"),
        new("Body", body), new("MessageSid", sid), new("AccountSid", AccountSid), new("NumSegments", "1"), new("ApiVersion", "2010-04-01"),
    ];

    public static string NewSid() => "SM" + Guid.NewGuid().ToString("N");

    public Task<HttpResponseMessage> PostRapidProAsync(object body, string? secret = RapidProSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms/rapidpro") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        if (secret is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", secret);
        return App.CreateClient().SendAsync(request);
    }

    /// <summary>RapidPro's default "Call Webhook" body for a message from <paramref name="phone"/>.</summary>
    public static object RapidProBody(string phone, string? text, string? uuid = null) => new
    {
        contact = new { uuid = Guid.NewGuid(), name = "", urn = $"tel:{phone}" },
        flow = new { uuid = Guid.NewGuid(), name = "Amani reports" },
        path = Array.Empty<object>(),
        results = new { },
        run = new { uuid = Guid.NewGuid(), created_on = DateTimeOffset.UtcNow },
        input = new
        {
            attachments = Array.Empty<string>(), channel = new { uuid = Guid.NewGuid(), name = "Orange CF" }, created_on = DateTimeOffset.UtcNow,
            text, type = "msg", urn = new { display = phone, path = phone, scheme = "tel" }, uuid = uuid ?? Guid.NewGuid().ToString(),
        },
        channel = new { uuid = Guid.NewGuid(), name = "Orange CF" },
    };

    public Task<int> CountAsync<T>() where T : class => App.WithDbAsync(db => EntityFrameworkQueryableExtensions.CountAsync(db.Set<T>()));

    public Task<(int Reports, int Messages, int Audit, int Outbox, int Inbound)> RowsAsync() => App.WithDbAsync(async db => (
        await EntityFrameworkQueryableExtensions.CountAsync(db.CommunityReports),
        await EntityFrameworkQueryableExtensions.CountAsync(db.ReportMessages),
        await EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries),
        await EntityFrameworkQueryableExtensions.CountAsync(db.Set<SmsOutboxMessage>()),
        await EntityFrameworkQueryableExtensions.CountAsync(db.Set<SmsInboundMessage>())));

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}

/// <summary>A stand-in for Twilio's Messages API on 127.0.0.1: records each request; fails the first <see cref="FailFirst"/> with 500.</summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    public sealed record Sent(string Path, string? Authorization, Dictionary<string, string> Form);

    private WebApplication _app = null!;
    public ConcurrentQueue<Sent> Requests { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public int FailFirst { get; set; }

    public static async Task<FakeTwilio> StartAsync()
    {
        var fake = new FakeTwilio();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        fake._app = builder.Build();
        fake._app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            fake.Requests.Enqueue(new Sent(http.Request.Path, http.Request.Headers.Authorization.ToString(), form.ToDictionary(f => f.Key, f => f.Value.ToString())));
            if (fake.Requests.Count <= fake.FailFirst)
                return Results.Json(new { code = 20500, message = "Internal Server Error", status = 500 }, statusCode: 500);
            return Results.Json(new { sid = "SM" + Guid.NewGuid().ToString("N"), status = "queued" }, statusCode: 201);
        });
        await fake._app.StartAsync();
        fake.BaseAddress = new Uri(fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Every log line the server writes, at every level, as formatted text (with its structured values).</summary>
public sealed class LogCapture : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();
    public string All => string.Join("\n", _lines);

    public ILogger CreateLogger(string categoryName) => this;
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull
    {
        _lines.Enqueue($"scope: {state}");
        return null;
    }
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
        _lines.Enqueue($"{logLevel} {formatter(state, exception)} {values} {exception}");
    }

    public void Dispose() { }
}

public static class Waiting
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {seconds}s for {what}.");
            await Task.Delay(50);
        }
    }
}
