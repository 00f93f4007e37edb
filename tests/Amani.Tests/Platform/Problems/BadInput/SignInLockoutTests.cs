using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Problems.BadInput;

/// <summary>
/// Locked accounts: after repeated wrong passwords even the right one is refused (403 account-locked), and an account an
/// administrator locks loses its session and its tokens at once. Only the failed sign-ins are audited.
/// </summary>
public sealed class SignInLockoutTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Five_wrong_passwords_lock_the_account_against_the_right_one_too(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Role.Analyst);
        var client = app.CreateClient();
        var before = await RowCounts.TakeAsync(app);

        for (var attempt = 1; attempt <= 4; attempt++)
            await ProblemAssert.IsProblemAsync(await Login(client, user.Email, "wrong-password-" + attempt), HttpStatusCode.Unauthorized,
                "bad-credentials");
        var fifth = await ProblemAssert.IsProblemAsync(await Login(client, user.Email, "wrong-password-5"), HttpStatusCode.Forbidden,
            "account-locked");
        Assert.Contains("locked after repeated failed sign-ins until", fifth.GetProperty("detail").GetString());

        var right = await ProblemAssert.IsProblemAsync(await Login(client, user.Email, user.Password), HttpStatusCode.Forbidden, "account-locked");
        Assert.Contains("locked", right.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/account/me"), HttpStatusCode.Unauthorized, "unauthenticated");

        // Six refused attempts, each audited as a failed sign-in, plus the lock-out itself; nothing else.
        Assert.Equal(7, await before.AssertOnlySignInFailuresAuditedAsync(app));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_account_locked_by_an_administrator_loses_its_session_and_its_tokens(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var user = await app.CreateUserAsync(Role.Administrator);
        var session = await app.SignInAsync(user);
        var token = await session.PostAsJsonAsync("/api/v1/tokens", new { name = "laptop", scopes = new[] { "missions:read", "missions:manage" } });
        Assert.Equal(HttpStatusCode.Created, token.StatusCode);
        var tokenClient = app.TokenClient((await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await tokenClient.GetAsync("/api/v1/missions")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{user.Id}/lock", null)).StatusCode);
        var before = await RowCounts.TakeAsync(app);

        var me = await ProblemAssert.IsProblemAsync(await session.GetAsync("/api/v1/account/me"), HttpStatusCode.Forbidden, "account-locked");
        Assert.Contains("locked", me.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(
            await session.PostAsJsonAsync("/api/v1/missions", new { code = "LOCK", name = "Locked mission", countryIso3 = "CAF" }),
            HttpStatusCode.Forbidden, "account-locked");
        await ProblemAssert.IsProblemAsync(
            await session.PostAsJsonAsync("/api/v1/tokens", new { name = "another", scopes = new[] { "missions:read" } }),
            HttpStatusCode.Forbidden, "account-locked");

        var refused = await ProblemAssert.IsProblemAsync(
            await tokenClient.PostAsJsonAsync("/api/v1/missions", new { code = "LOCK", name = "Locked mission", countryIso3 = "CAF" }),
            HttpStatusCode.Unauthorized, "token-invalid");
        Assert.Contains("locked", refused.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await tokenClient.GetAsync("/api/v1/missions"), HttpStatusCode.Unauthorized, "token-invalid");

        await before.AssertUnchangedAsync(app);

        var again = await ProblemAssert.IsProblemAsync(await Login(app.CreateClient(), user.Email, user.Password), HttpStatusCode.Forbidden,
            "account-locked");
        Assert.Contains("Ask an administrator to unlock it", again.GetProperty("detail").GetString());
        Assert.Equal(1, await before.AssertOnlySignInFailuresAuditedAsync(app));
    }

    private static Task<HttpResponseMessage> Login(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/v1/account/login", new { email, password });
}
