using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Foundation.Users;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Foundation.Users;

public sealed class UsersApiTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_administrator_creates_a_user_grants_and_revokes_roles(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        await admin.PostAsJsonAsync("/api/v1/missions", new { code = "ALPHA", name = "Alpha", countryIso3 = "CAF" });
        var ngo = await (await admin.PostAsJsonAsync("/api/v1/organizations", new { name = "Helping Hands", kind = "ngo" })).Content.ReadFromJsonAsync<JsonElement>();

        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email = "partner@ngo.example", displayName = "Partner" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("user").GetProperty("id").GetGuid();
        var initialPassword = body.GetProperty("initialPassword").GetString()!;
        Assert.True(initialPassword.Length >= 20);

        var refused = await admin.PostAsJsonAsync($"/api/v1/users/{id}/roles", new { role = "partner", missionCode = "ALPHA" });
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("organizationId", out _));

        var granted = await admin.PostAsJsonAsync($"/api/v1/users/{id}/roles",
            new { role = "partner", missionCode = "alpha", organizationId = ngo.GetProperty("id").GetGuid() });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var assignment = (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var partner = await app.SignInAsync(new TestUser(id, "partner@ngo.example", initialPassword));
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/api/v1/missions/ALPHA")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/users/{id}/roles/{assignment}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await partner.GetAsync("/api/v1/missions/ALPHA"), HttpStatusCode.Forbidden, "forbidden");
        var actions = await app.WithDbAsync(db => db.AuditEntries.Select(e => e.ActionCode).ToListAsync());
        Assert.Contains(1100, actions);
        Assert.Contains(1200, actions);
        Assert.Contains(1201, actions);
    }

    /// <summary>Finding 9 of the security probe: the last administrator could revoke their own role, leaving the platform without one.</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_last_administrator_who_can_sign_in_keeps_the_role(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var me = await app.CreateUserAsync(Role.Administrator);
        var admin = await app.SignInAsync(me);
        var mine = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/account/me")).GetProperty("roles")[0].GetProperty("id").GetGuid();
        var other = await app.CreateUserAsync(Role.Administrator);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{other.Id}/lock", null)).StatusCode);
        var before = await RowCountsOf(app);

        var refused = await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"/api/v1/users/{me.Id}/roles/{mine}"), HttpStatusCode.Conflict, "conflict");
        Assert.Contains("last administrator", refused.GetProperty("detail").GetString());
        Assert.Equal(before, await RowCountsOf(app));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{other.Id}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/users/{me.Id}/roles/{mine}")).StatusCode);
    }

    /// <summary>Finding 10 of the security probe: <c>password1234</c> was accepted.</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_common_or_personal_password_is_refused_at_creation_and_a_passphrase_accepted(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var users = await app.WithDbAsync(db => db.Users.CountAsync());
        var audit = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        foreach (var (password, expected) in new[] { ("password1234", "common or breached"), ("Amadou.Diallo-2024", "name") })
        {
            var refused = await admin.PostAsJsonAsync("/api/v1/users",
                new { email = "amadou.diallo@mission.example", displayName = "Amadou Diallo", password });
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "validation");
            var message = problem.GetProperty("errors").GetProperty("password")[0].GetString()!;
            Assert.Contains(expected, message);
            Assert.Contains("passphrase", message);
            Assert.DoesNotContain(password, problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal((users, audit), (await app.WithDbAsync(db => db.Users.CountAsync()), await app.WithDbAsync(db => db.AuditEntries.CountAsync())));

        var passphrase = "orchard lantern under seventeen kites";
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email = "amadou.diallo@mission.example", displayName = "Amadou Diallo", password = passphrase });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user").GetProperty("id").GetGuid();
        await app.SignInAsync(new TestUser(id, "amadou.diallo@mission.example", passphrase));
    }

    private static Task<(int Assignments, int Audit)> RowCountsOf(TestApp app) =>
        app.WithDbAsync(async db => (await db.RoleAssignments.CountAsync(), await db.AuditEntries.CountAsync()));

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_duplicate_email_is_refused_and_the_list_shows_roles_and_lockout(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var adminUser = await app.CreateUserAsync(Role.Administrator);
        var admin = await app.SignInAsync(adminUser);
        var other = await app.CreateUserAsync(Role.Analyst);

        var duplicate = await admin.PostAsJsonAsync("/api/v1/users", new { email = other.Email });
        Assert.True((await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("email", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{other.Id}/lock", null)).StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.PostAsync($"/api/v1/users/{adminUser.Id}/lock", null), HttpStatusCode.Forbidden, "forbidden");
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users");
        var listed = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == other.Email);
        Assert.True(listed.GetProperty("isLockedOut").GetBoolean());
        Assert.Equal("analyst", listed.GetProperty("roles")[0].GetProperty("role").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{other.Id}/unlock", null)).StatusCode);
        await app.SignInAsync(other);
    }
}
