using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Setup;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Foundation.Users;

namespace Amani.Tests.Foundation.Setup;

/// <summary>A fresh installation without the demo gets its first administrator through a one-time set-up token.</summary>
public sealed class SetupTokenTests
{
    private const string Password = "orchard lantern under seventeen kites";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_set_up_token_creates_the_first_administrator_who_can_sign_in(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, s => s with { SeedDemo = false });
        var secret = await IssueAsync(app);
        Assert.StartsWith(FirstAdministrator.SecretPrefix, secret);

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/setup", new { setupToken = secret, email = "first@setup.amani.local", password = Password });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("userId").GetGuid();
        Assert.Equal($"/api/v1/users/{id}", response.Headers.Location?.ToString());
        var admin = await app.SignInAsync(new TestUser(id, "first@setup.amani.local", Password));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/users")).StatusCode);
        var role = await app.WithDbAsync(db => db.RoleAssignments.AsNoTracking().SingleAsync(a => a.UserId == id));
        Assert.Equal((Role.Administrator, (Guid?)null), (role.Role, role.MissionId));
        Assert.NotNull(await app.WithDbAsync(db => db.SetupTokens.AsNoTracking().Select(t => t.UsedAt).SingleAsync()));
        var actions = await app.WithDbAsync(db => db.AuditEntries.Select(e => e.ActionCode).ToListAsync());
        Assert.Contains((int)AuditAction.SetupTokenIssued, actions);
        Assert.Contains((int)AuditAction.SetupCompleted, actions);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_set_up_token_works_only_once(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, s => s with { SeedDemo = false });
        var secret = await IssueAsync(app);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostAsJsonAsync("/api/v1/setup", new { setupToken = secret, email = "first@setup.amani.local", password = Password })).StatusCode);
        var before = await CountsAsync(app);

        var again = await client.PostAsJsonAsync("/api/v1/setup", new { setupToken = secret, email = "second@setup.amani.local", password = Password });

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(before, await CountsAsync(app));
        Assert.Null(await IssueAsync(app));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_wrong_or_expired_token_is_refused_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, s => s with { SeedDemo = false });
        var secret = await IssueAsync(app);
        var client = app.CreateClient();
        var before = await CountsAsync(app);

        var wrong = await client.PostAsJsonAsync("/api/v1/setup",
            new { setupToken = FirstAdministrator.SecretPrefix + "wrong", email = "first@setup.amani.local", password = Password });
        await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Forbidden, "forbidden");
        app.Clock.Advance(FirstAdministrator.SetupTokenLifetime + TimeSpan.FromMinutes(1));
        var expired = await client.PostAsJsonAsync("/api/v1/setup", new { setupToken = secret, email = "first@setup.amani.local", password = Password });
        await ProblemAssert.IsProblemAsync(expired, HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(before, await CountsAsync(app));
        Assert.Null(await app.WithDbAsync(db => db.SetupTokens.AsNoTracking().Select(t => t.UsedAt).SingleAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_short_password_is_refused_and_the_token_stays_usable(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, s => s with { SeedDemo = false });
        var secret = await IssueAsync(app);
        var client = app.CreateClient();
        var before = await CountsAsync(app);

        var invalid = await client.PostAsJsonAsync("/api/v1/setup", new { setupToken = secret, email = "first@setup.amani.local", password = "short" });

        await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest, "validation");
        Assert.Equal(before, await CountsAsync(app));
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostAsJsonAsync("/api/v1/setup", new { setupToken = secret, email = "first@setup.amani.local", password = Password })).StatusCode);
    }

    /// <summary>Finding 10 of the security probe: <c>password1234</c> was accepted.</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_common_password_is_refused_and_the_token_stays_usable(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, s => s with { SeedDemo = false });
        var secret = await IssueAsync(app);
        var client = app.CreateClient();
        var before = await CountsAsync(app);

        var invalid = await client.PostAsJsonAsync("/api/v1/setup", new { setupToken = secret, email = "first@setup.amani.local", password = "password1234" });

        var problem = await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("common or breached", problem.GetProperty("errors").GetProperty("password")[0].GetString());
        Assert.Equal(before, await CountsAsync(app));
        Assert.Null(await app.WithDbAsync(db => db.SetupTokens.AsNoTracking().Select(t => t.UsedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostAsJsonAsync("/api/v1/setup", new { setupToken = secret, email = "first@setup.amani.local", password = Password })).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task No_set_up_token_is_issued_once_a_user_exists(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, s => s with { SeedDemo = false });
        await app.CreateUserAsync(Role.Analyst);

        Assert.Null(await IssueAsync(app));
        Assert.False(await app.WithDbAsync(db => db.SetupTokens.AnyAsync()));
    }

    private static Task<string?> IssueAsync(TestApp app) =>
        app.WithScopeAsync(s => s.GetRequiredService<FirstAdministrator>().IssueSetupTokenIfNeededAsync(CancellationToken.None));

    private static Task<(int Users, int Assignments, int Audit)> CountsAsync(TestApp app) =>
        app.WithDbAsync(async db => (await db.Users.CountAsync(), await db.RoleAssignments.CountAsync(), await db.AuditEntries.CountAsync()));
}
