using System.Net;
using System.Text.Json;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Hosting;

public sealed class ServerBasicsTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Health_endpoints_report_live_and_ready_with_the_database(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task OpenApi_document_describes_the_v1_api(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/missions", paths);
        Assert.Contains("/api/v1/tokens", paths);
        Assert.Contains("/api/v1/audit", paths);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Unknown_route_and_wrong_method_are_problem_details(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await client.DeleteAsync("/api/v1/account/login"), HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task Problem_type_uris_lead_to_a_page_that_explains_them()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var page = await app.CreateClient().GetStringAsync("/problems/insufficient-scope");

        Assert.Contains("The access token lacks a scope", page);
    }
}
