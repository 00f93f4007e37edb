using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Foundation.Tokens;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Platform.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class TokenCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Tokens_create_prints_a_secret_that_authenticates_against_the_API(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.CreateUserAsync(Role.Administrator);
        Assert.Equal(HttpStatusCode.Created,
            (await (await app.SignInAsync(admin)).PostAsync("/api/v1/missions", JsonContent.Create(new { code = "MINUSCA", name = "CAR", countryIso3 = "CAF" }))).StatusCode);
        var analyst = await app.CreateUserAsync(Role.Analyst, "MINUSCA");

        var result = await CliRunner.SucceedAsync(app.Database.Target, "tokens", "create", "--user", analyst.Email, "--scopes", "missions:read");

        var secret = result.Out.Trim();
        Assert.StartsWith(TokenIssuer.SecretPrefix, secret);
        Assert.DoesNotContain(secret, result.Error);
        var client = app.TokenClient(secret);
        Assert.Contains("\"MINUSCA\"", await client.GetStringAsync("/api/v1/missions"));
        var denied = await client.PostAsync("/api/v1/missions", JsonContent.Create(new { code = "X1", name = "Nope", countryIso3 = "CAF" }));
        await ProblemAssert.IsProblemAsync(denied, HttpStatusCode.Forbidden, "insufficient-scope");
        var stored = await app.WithDbAsync(db => db.AccessTokens.AsNoTracking().SingleAsync());
        Assert.Equal((analyst.Id, "missions:read", TokenSecret.Hash(secret)), (stored.UserId, stored.Scopes, stored.SecretHash));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Tokens_create_with_scopes_all_carries_every_permission_of_the_users_roles_and_no_other(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var analyst = await app.CreateUserAsync(Role.Analyst);

        var result = await CliRunner.SucceedAsync(app.Database.Target, "tokens", "create", "--user", analyst.Email, "--scopes", "all");

        var stored = await app.WithDbAsync(db => db.AccessTokens.AsNoTracking().SingleAsync());
        var expected = RolePermissions.Of(Role.Analyst).Select(p => p.Name()).Order(StringComparer.Ordinal);
        Assert.Equal(string.Join(' ', expected), stored.Scopes);
        Assert.DoesNotContain("users:manage", stored.Scopes);
        var client = app.TokenClient(result.Out.Trim());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/missions")).StatusCode);
        var mixed = await CliRunner.RunAsync(app.Database.Target, "tokens", "create", "--user", analyst.Email, "--scopes", "all,missions:read");
        Assert.NotEqual(0, mixed.ExitCode);
        Assert.Contains("'all' stands alone", mixed.Error);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Tokens_create_refuses_a_scope_the_users_roles_lack(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var analyst = await app.CreateUserAsync(Role.Analyst);

        var result = await CliRunner.RunAsync(app.Database.Target, "tokens", "create", "--user", analyst.Email, "--scopes", "missions:read,users:manage");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("None of your roles grants 'users:manage'", result.Error);
        Assert.Equal("", result.Out.Trim());
        Assert.False(await app.WithDbAsync(db => db.AccessTokens.AnyAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Tokens_revoke_stops_the_token_at_once(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var analyst = await app.CreateUserAsync(Role.Analyst);
        var secret = (await CliRunner.SucceedAsync(app.Database.Target, "tokens", "create", "--user", analyst.Email, "--scopes", "missions:read")).Out.Trim();
        var id = await app.WithDbAsync(db => db.AccessTokens.Select(t => t.Id).SingleAsync());

        await CliRunner.SucceedAsync(app.Database.Target, "tokens", "revoke", "--id", id.ToString());

        await ProblemAssert.IsProblemAsync(await app.TokenClient(secret).GetAsync("/api/v1/missions"), HttpStatusCode.Unauthorized, "token-invalid");
    }
}
