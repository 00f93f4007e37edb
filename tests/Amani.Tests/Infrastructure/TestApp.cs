using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Hosting;
using Amani.Platform.Problems;
using Amani.Foundation.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Amani.Tests.Infrastructure;

/// <summary>
/// The real Amani server on Kestrel (127.0.0.1, a free port) over a fresh <see cref="TestDatabase"/>, with a settable
/// clock. Disposing it fails the test if any request ended in an unhandled exception (a 500).
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _unhandled = new();
    private readonly UnhandledExceptionCollector _collector;
    private WebApplication _app = null!;

    public TestDatabase Database { get; }
    public TestClock Clock { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;

    private readonly bool _ownsDatabase;

    private TestApp(TestDatabase database, bool ownsDatabase)
    {
        _collector = new UnhandledExceptionCollector(_unhandled);
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    /// <param name="services">Replaces or adds services (fakes of external gateways, for instance).</param>
    /// <param name="logs">When given, receives every log event of the server, at every level.</param>
    public static Task<TestApp> StartAsync(DatabaseProvider provider, Func<AmaniSettings, AmaniSettings>? configure = null,
        Action<IServiceCollection>? services = null, LogCapture? logs = null) =>
        StartAsync(TestDatabase.Create(provider), configure, services, logs);

    /// <summary>The server over a database a test prepared itself; the app owns it from now on and removes it on dispose.</summary>
    public static async Task<TestApp> StartAsync(TestDatabase database, Func<AmaniSettings, AmaniSettings>? configure = null,
        Action<IServiceCollection>? services = null, LogCapture? logs = null)
    {
        var app = new TestApp(database, ownsDatabase: true);
        await app.StartAsync(configure, services, logs);
        return app;
    }

    /// <summary>Another node over an existing database (which the caller disposes), as in a multi-node deployment.</summary>
    public static async Task<TestApp> StartNodeAsync(TestDatabase database, Action<IServiceCollection>? services = null)
    {
        var app = new TestApp(database, ownsDatabase: false);
        await app.StartAsync(null, services, null);
        return app;
    }

    private async Task StartAsync(Func<AmaniSettings, AmaniSettings>? configure, Action<IServiceCollection>? overrides, LogCapture? logs)
    {
        await new SchemaMigrator(Database.Target).MigrateAsync();
        var settings = new AmaniSettings
        {
            DataDirectory = Path.GetTempPath(),
            Database = Database.Target,
            Urls = "http://127.0.0.1:0",
            SeedDemo = false,
            AnonymousRequestsPerMinute = 10_000,
            TrackingLookupsPerMinute = 10_000,
        };
        settings = configure?.Invoke(settings) ?? settings;
        _app = AmaniWebApp.Build(settings, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Tests run the follow-up engine themselves (FollowUpEngine.RunAsync): its schedule (real-time timers) stays out of the way.
            services.AddSingleton(new Amani.Platform.FollowUps.FollowUpSettings { CheckIntervalSeconds = 86_400 });
            services.AddLogging(logging => logging.AddProvider(_collector));
            overrides?.Invoke(services);
            if (logs is not null)
                services.AddLogging(logging => logging.AddProvider(logs).AddFilter<LogCapture>(null, LogLevel.Trace));
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    private static readonly ConditionalWeakTable<HttpClient, CookieContainer> Jars = new();

    /// <summary>A client with its own cookie jar (a separate browser, as it were).</summary>
    public HttpClient CreateClient()
    {
        var jar = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        Jars.Add(client, jar);
        return client;
    }

    public static CookieContainer CookieContainerOf(HttpClient client) => Jars.TryGetValue(client, out var jar) ? jar : new CookieContainer();

    /// <summary>Runs <paramref name="action"/> with a service scope of the server (acting as the CLI would).</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Amani.Platform.Audit.AuditActor>().Actor = "test";
        return await action(scope.ServiceProvider);
    }

    public Task<T> WithDbAsync<T>(Func<AmaniDbContext, Task<T>> action) =>
        WithScopeAsync(services => action(services.GetRequiredService<AmaniDbContext>()));

    /// <summary>Creates a user holding <paramref name="role"/> (optionally in one mission) and returns its e-mail and password.</summary>
    /// <param name="areaPCode">Scopes the role to this area of the mission (and the areas below it).</param>
    public Task<TestUser> CreateUserAsync(Role? role, string? missionCode = null, Guid? organizationId = null, string? areaPCode = null) =>
        WithScopeAsync(async services =>
        {
            var administration = services.GetRequiredService<UserAdministration>();
            var email = $"{role?.ToString().ToLowerInvariant() ?? "norole"}-{Guid.NewGuid():N}@test.amani.local";
            var password = UserAdministration.GeneratePasswordFor(email, null);
            var user = (await administration.CreateAsync(email, null, password, CancellationToken.None)).Value!.User;
            if (role is { } r)
            {
                var granted = await administration.GrantAsync(user, new GrantRoleRequest(r, missionCode, areaPCode, organizationId), CancellationToken.None);
                Assert.True(granted.Succeeded, granted.Error);
            }
            return new TestUser(user.Id, email, password);
        });

    /// <summary>Signs in through the JSON API and returns a client that carries the session cookie and the antiforgery header.</summary>
    public async Task<HttpClient> SignInAsync(TestUser user)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/account/login", new { email = user.Email, password = user.Password });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var antiforgery = await client.GetFromJsonAsync<AntiforgeryToken>("/api/v1/account/antiforgery");
        client.DefaultRequestHeaders.Add(antiforgery!.HeaderName, antiforgery.Token);
        return client;
    }

    public HttpClient TokenClient(string secret)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        _collector.Stopping = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDatabase)
            await Database.DisposeAsync();
        Assert.True(_unhandled.IsEmpty, "Requests ended in unhandled exceptions:\n" + string.Join("\n", _unhandled));
    }

    private sealed record AntiforgeryToken(string Token, string HeaderName);

    /// <summary>
    /// Every error the server logs fails the test — except EF Core's "error using a transaction" (20205) once the test
    /// stops the server: a background service's transaction cut short by the shutdown is rolled back, and EF Core logs
    /// that as an error all the same. Errors while the server runs, and every other error during the shutdown, still count.
    /// </summary>
    private sealed class UnhandledExceptionCollector(ConcurrentQueue<string> sink) : ILoggerProvider, ILogger
    {
        public volatile bool Stopping;
        private const int TransactionError = 20205;

        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && !(Stopping && eventId.Id == TransactionError))
                sink.Enqueue($"{eventId.Name ?? eventId.Id.ToString()}: {formatter(state, exception)} {exception}");
        }

        public void Dispose() { }
    }
}

public sealed record TestUser(Guid Id, string Email, string Password);
