using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Data;
using Amani.Foundation.Setup;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Foundation.Users;

namespace Amani.Tests.Foundation.Setup;

/// <summary>Set-up happens once, however many tokens were printed and however many requests race for it.</summary>
public sealed class SetupAfterSetupTests
{
    private const string Password = "orchard lantern under seventeen kites";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_second_unused_token_meets_an_installation_that_is_already_set_up(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, s => s with { SeedDemo = false });
        // The server was restarted before anyone used the first token: both are valid.
        var first = await IssueAsync(app);
        var second = await IssueAsync(app);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostAsJsonAsync("/api/v1/setup", new { setupToken = first, email = "first@setup.amani.local", password = Password })).StatusCode);

        var late = await client.PostAsJsonAsync("/api/v1/setup", new { setupToken = second, email = "late@setup.amani.local", password = Password });

        await ProblemAssert.IsProblemAsync(late, HttpStatusCode.Conflict, "conflict");
        Assert.Equal(["first@setup.amani.local"], await app.WithDbAsync(db => db.Users.Select(u => u.Email!).ToListAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Concurrent_redemptions_create_one_administrator(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, s => s with { SeedDemo = false });
        var secret = await IssueAsync(app);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => app.CreateClient()
            .PostAsJsonAsync("/api/v1/setup", new { setupToken = secret, email = $"admin{i}@setup.amani.local", password = Password })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.RoleAssignments.CountAsync()));
    }

    private static Task<string?> IssueAsync(TestApp app) =>
        app.WithScopeAsync(s => s.GetRequiredService<FirstAdministrator>().IssueSetupTokenIfNeededAsync(CancellationToken.None));
}
