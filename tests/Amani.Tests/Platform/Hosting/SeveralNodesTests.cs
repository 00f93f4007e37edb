using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Hosting;

/// <summary>Two server nodes on one PostgreSQL database behave as one: shared key ring, no node-local state that matters.</summary>
public sealed class SeveralNodesTests
{
    [Fact]
    public async Task A_session_and_its_antiforgery_token_from_one_node_work_on_the_other()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        await using var nodeA = await TestApp.StartNodeAsync(database);
        await using var nodeB = await TestApp.StartNodeAsync(database);
        var user = await nodeA.CreateUserAsync(Role.Administrator);

        var onA = await nodeA.SignInAsync(user);
        var onB = nodeB.CreateClient();
        // Carry node A's cookies and antiforgery header over to node B, as a load balancer would route the browser.
        onB.DefaultRequestHeaders.Add("Cookie", string.Join("; ", CookiesOf(nodeA, onA)));
        onB.DefaultRequestHeaders.Add("X-CSRF-TOKEN", onA.DefaultRequestHeaders.GetValues("X-CSRF-TOKEN").Single());

        var created = await onB.PostAsJsonAsync("/api/v1/missions", new { code = "NODES", name = "Two nodes", countryIso3 = "CAF" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/api/v1/missions/NODES")).StatusCode);
    }

    [Fact]
    public async Task Both_nodes_append_to_one_intact_audit_chain()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        await using var nodeA = await TestApp.StartNodeAsync(database);
        await using var nodeB = await TestApp.StartNodeAsync(database);
        var admin = await nodeA.CreateUserAsync(Role.Administrator);
        var clientA = await nodeA.SignInAsync(admin);
        var clientB = await nodeB.SignInAsync(admin);

        var writes = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? clientA : clientB)
            .PostAsJsonAsync("/api/v1/organizations", new { name = $"Organisation {i}", kind = "ngo" }));
        Assert.All(await Task.WhenAll(writes), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var verification = await clientA.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/audit/verification");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, verification.GetProperty("firstBreak").ValueKind);
        Assert.True(verification.GetProperty("rowsVerified").GetInt64() >= 20);
    }

    private static IEnumerable<string> CookiesOf(TestApp app, HttpClient client) =>
        TestApp.CookieContainerOf(client).GetCookies(app.BaseAddress).Select(c => $"{c.Name}={c.Value}");
}
