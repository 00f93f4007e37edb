using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Problems.BadInput;
using Xunit;

namespace Amani.Tests.Platform.Web;

/// <summary>
/// Findings 6 and 13 of the security probe: the headers every answer carries (a strict CSP, nosniff, no referrer, no
/// framing, no Server header, no-store unless an answer chose its caching), <c>__Host-</c> cookies over HTTPS, clean words where .NET type names showed,
/// and a 416 that says what it is.
/// </summary>
public sealed class SecurityHeadersTests
{
    [Fact]
    public async Task Pages_files_and_api_answers_carry_the_security_headers()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        foreach (var path in new[] { "/report", "/account/login", "/js/amani.js", "/api/v1/public/missions/NONE/incidents", "/no-such-page" })
        {
            var response = await client.GetAsync(path);
            var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", csp);
            Assert.Contains("style-src 'self';", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("object-src 'none'", csp);
            Assert.DoesNotContain("unsafe", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.False(response.Headers.Contains("Server"), $"{path} names its server");
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS is sent over HTTPS only");
        }
        Assert.Equal("no-cache", (await client.GetAsync("/js/amani.js")).Headers.CacheControl?.ToString());
    }

    /// <summary>A client that keeps no cookies, so that the Set-Cookie headers stay readable.</summary>
    private static HttpClient RawClient(TestApp app) => new(new HttpClientHandler { UseCookies = false }) { BaseAddress = app.BaseAddress };

    [Fact]
    public async Task Served_over_HTTPS_every_cookie_is_a_secure_host_only_cookie_with_the_Host_prefix()
    {
        // TLS ends at a proxy in front of Amani (trusted, here on the loopback): the public base URL says HTTPS although the
        // server itself listens on HTTP; the proxy says the request came over HTTPS.
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, s => s with
        {
            PublicBaseUrl = new Uri("https://amani.mission.example"), TrustedProxies = [IPAddress.Loopback, IPAddress.IPv6Loopback],
        });
        var user = await app.CreateUserAsync(Role.Analyst);
        using var client = RawClient(app);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var antiforgery = await client.GetAsync("/account/login"); // the sign-in form carries an antiforgery token
        var login = await client.PostAsJsonAsync("/api/v1/account/login", new { email = user.Email, password = user.Password });
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        var cookies = antiforgery.Headers.GetValues("Set-Cookie").Concat(login.Headers.GetValues("Set-Cookie")).ToList();
        foreach (var name in new[] { "amani.antiforgery", "amani.session" })
        {
            var cookie = Assert.Single(cookies, c => c.Contains(name + "="));
            Assert.StartsWith("__Host-" + name + "=", cookie);
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
            Assert.Contains("secure", attributes);
            Assert.Contains("path=/", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        }

        // The language cookie is read under its prefixed name too.
        using var french = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        french.Headers.Add("Cookie", "__Host-amani.culture=c%3Dfr%7Cuic%3Dfr");
        Assert.Contains("<html lang=\"fr\"", await (await app.CreateClient().SendAsync(french)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Over_plain_HTTP_the_cookies_keep_their_names_without_the_prefix_browsers_would_refuse()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = RawClient(app);
        var antiforgery = await client.GetAsync("/account/login"); // the sign-in form carries an antiforgery token
        var cookie = Assert.Single(antiforgery.Headers.GetValues("Set-Cookie"), c => c.Contains("amani.antiforgery="));
        Assert.StartsWith("amani.antiforgery=", cookie);
        Assert.DoesNotContain("secure", cookie.ToLowerInvariant());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Answers_carrying_personal_data_are_not_stored_by_any_cache(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        Assert.Equal(HttpStatusCode.Created, (await app.CreateClient().PostAsJsonAsync("/api/v1/reports",
            new { description = "Threats against the village chief", contact = new { phone = "+236 72 55 01 99" }, consentToContact = true })).StatusCode);
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var id = (await duty.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/missions/{TestMission.Code}/reports")).GetProperty("items")[0].GetProperty("id").GetGuid();

        foreach (var response in new[]
                 {
                     await duty.PostAsync($"/api/v1/missions/{TestMission.Code}/reports/{id}/contact", null),
                     await duty.GetAsync("/api/v1/account/me"),
                     await duty.GetAsync($"/missions/{TestMission.Code}/triage"),
                 })
        {
            Assert.True(response.IsSuccessStatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, response.RequestMessage!.RequestUri!.ToString());
        }
    }

    [Fact]
    public async Task A_parameter_that_cannot_be_read_is_explained_without_dotnet_type_names()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var admin = await app.AdministratorWithMissionAsync();

        var problem = await ProblemAssert.IsProblemAsync(await admin.GetAsync("/api/v1/audit?limit=abc"), HttpStatusCode.BadRequest, "malformed-request");

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Equal("The parameter 'limit' could not be read from 'abc': give a whole number.", detail);
        Assert.DoesNotContain("Int32", detail);
        Assert.DoesNotContain("Nullable", detail);
    }

    [Fact]
    public async Task A_range_beyond_the_file_is_a_416_problem_not_a_server_error()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var request = new HttpRequestMessage(HttpMethod.Get, "/js/amani.js");
        request.Headers.Range = new RangeHeaderValue(99_999_999, null);

        var response = await app.CreateClient().SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable, "range-not-satisfiable");
    }
}
