using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Problems.BadInput;

/// <summary>Tokens that are unknown, expired, revoked, too narrow, or used to mint tokens: refused with a reason, nothing written.</summary>
public sealed class TokenRefusalTests
{
    private static readonly object NewMission = new { code = "TOK", name = "Token mission", countryIso3 = "CAF" };

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_expired_token_is_refused_saying_it_expired(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var (_, secret) = await CreateTokenAsync(admin, expiresInDays: 1, "missions:read", "missions:manage");
        var client = app.TokenClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/missions")).StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(2));
        var before = await RowCounts.TakeAsync(app);
        var problem = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/missions", NewMission),
            HttpStatusCode.Unauthorized, "token-invalid");
        Assert.Contains("'ci' expired on", problem.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/missions"), HttpStatusCode.Unauthorized, "token-invalid");

        await before.AssertUnchangedAsync(app);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_revoked_token_is_refused_saying_it_was_revoked(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var (id, secret) = await CreateTokenAsync(admin, expiresInDays: 30, "missions:read", "missions:manage");
        var client = app.TokenClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/missions")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/tokens/{id}")).StatusCode);

        var before = await RowCounts.TakeAsync(app);
        var problem = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/missions", NewMission),
            HttpStatusCode.Unauthorized, "token-invalid");
        Assert.Contains("'ci' was revoked on", problem.GetProperty("detail").GetString());

        await before.AssertUnchangedAsync(app);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_unknown_token_is_refused_as_not_known(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var before = await RowCounts.TakeAsync(app);

        foreach (var secret in new[] { "amani_pat_" + new string('a', 52), "not-even-a-token", "amani_pat_' OR '1'='1" })
        {
            var problem = await ProblemAssert.IsProblemAsync(await app.TokenClient(secret).PostAsJsonAsync("/api/v1/missions", NewMission),
                HttpStatusCode.Unauthorized, "token-invalid");
            Assert.Contains("not known", problem.GetProperty("detail").GetString());
        }

        await before.AssertUnchangedAsync(app);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_token_used_beyond_its_scopes_is_refused_with_insufficient_scope(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var (_, secret) = await CreateTokenAsync(admin, expiresInDays: 30, "missions:read");
        var client = app.TokenClient(secret);
        var before = await RowCounts.TakeAsync(app);

        var mission = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/missions", NewMission),
            HttpStatusCode.Forbidden, "insufficient-scope");
        Assert.Contains("'missions:manage'", mission.GetProperty("detail").GetString());
        var organization = await ProblemAssert.IsProblemAsync(
            await client.PostAsJsonAsync("/api/v1/organizations", new { name = "Scoped Relief", kind = "ngo" }),
            HttpStatusCode.Forbidden, "insufficient-scope");
        Assert.Contains("'organizations:manage'", organization.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/users", new { email = "new@test.amani.local" }),
            HttpStatusCode.Forbidden, "insufficient-scope");

        await before.AssertUnchangedAsync(app);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_token_cannot_create_or_revoke_tokens(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var (id, secret) = await CreateTokenAsync(admin, expiresInDays: 30, RolePermissions.Of(Role.Administrator).Select(p => p.Name()).ToArray());
        var client = app.TokenClient(secret);
        var before = await RowCounts.TakeAsync(app);

        var create = await ProblemAssert.IsProblemAsync(
            await client.PostAsJsonAsync("/api/v1/tokens", new { name = "offspring", scopes = new[] { "missions:read" } }),
            HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains("signed-in session", create.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await client.DeleteAsync($"/api/v1/tokens/{id}"), HttpStatusCode.Forbidden, "forbidden");

        await before.AssertUnchangedAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/missions")).StatusCode);
    }

    private static async Task<(Guid Id, string Secret)> CreateTokenAsync(HttpClient session, int expiresInDays, params string[] scopes)
    {
        var response = await session.PostAsJsonAsync("/api/v1/tokens", new { name = "ci", scopes, expiresInDays });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("details").GetProperty("id").GetGuid(), created.GetProperty("token").GetString()!);
    }
}
