using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Hosting;

/// <summary>
/// Rate limits count per client address: behind a trusted proxy the forwarded address, otherwise the connection's —
/// a client cannot escape its limit by sending X-Forwarded-For itself.
/// </summary>
public sealed class ReverseProxyTests
{
    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite,
            s => s with { AnonymousRequestsPerMinute = 2, TrustedProxies = [IPAddress.Loopback] });
        var client = app.CreateClient();

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests],
            [await LoginFrom(client, "203.0.113.7"), await LoginFrom(client, "203.0.113.7"), await LoginFrom(client, "203.0.113.7")]);
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFrom(client, "203.0.113.8"));
    }

    [Fact]
    public async Task Without_a_trusted_proxy_the_forwarded_header_is_ignored()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, s => s with { AnonymousRequestsPerMinute = 2 });
        var client = app.CreateClient();

        await LoginFrom(client, "203.0.113.7");
        await LoginFrom(client, "203.0.113.8");
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFrom(client, "203.0.113.9"));
    }

    private static async Task<HttpStatusCode> LoginFrom(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/login")
        {
            Content = JsonContent.Create(new { email = "nobody@test.amani.local", password = "not a password" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
    }
}
