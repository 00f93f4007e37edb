using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Foundation.Accounts;

public sealed class AccountApiTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Me_lists_the_roles_and_permissions_of_the_signed_in_user(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.WithScopeAsync(async s => (await s.GetRequiredService<Amani.Foundation.Missions.MissionRules>()
            .CreateAsync(new("ALPHA", "Alpha", "CAF", null), CancellationToken.None)).Value!);
        var analyst = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, "ALPHA"));

        var me = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/account/me");

        var role = Assert.Single(me.GetProperty("roles").EnumerateArray());
        Assert.Equal("analyst", role.GetProperty("role").GetString());
        Assert.Equal("ALPHA", role.GetProperty("missionCode").GetString());
        Assert.Equal(["alerts:manage", "alerts:read", "alerts:respond", "areas:read", "attachments:original", "follow-ups:manage", "follow-ups:read", "follow-ups:update", "incidents:publish", "incidents:read", "incidents:record", "lessons:manage", "lessons:read", "lessons:record", "missions:read", "organizations:read", "reports:read", "results:enter", "results:read", "surveys:read"],
            me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Changing_the_password_ends_other_sessions_and_the_old_password(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Role.Administrator);
        var here = await app.SignInAsync(user);
        var elsewhere = await app.SignInAsync(user);

        var changed = await here.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = user.Password, newPassword = "a new and long passphrase" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/v1/account/me")).StatusCode);
        await ProblemAssert.IsProblemAsync(await elsewhere.GetAsync("/api/v1/account/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        var old = await app.CreateClient().PostAsJsonAsync("/api/v1/account/login", new { email = user.Email, password = user.Password });
        await ProblemAssert.IsProblemAsync(old, HttpStatusCode.Unauthorized, "bad-credentials");
        await app.SignInAsync(user with { Password = "a new and long passphrase" });
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == 1101 && e.EntityId == user.Id.ToString())));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_wrong_current_password_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Role.Analyst);
        var client = await app.SignInAsync(user);
        var auditRows = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var refused = await client.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = "not my password", newPassword = "a new and long passphrase" });

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("currentPassword", out _));
        Assert.Equal(auditRows, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        await app.SignInAsync(user);
    }

    /// <summary>Finding 10 of the security probe: <c>password1234</c> was accepted.</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_common_new_password_is_refused_and_the_old_one_still_works(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Role.Analyst);
        var client = await app.SignInAsync(user);
        var auditRows = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var refused = await client.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = user.Password, newPassword = "password1234" });

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("common or breached", problem.GetProperty("errors").GetProperty("newPassword")[0].GetString());
        Assert.DoesNotContain("password1234", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(auditRows, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/account/me")).StatusCode);
        await app.SignInAsync(user);
    }

    /// <summary>The password page goes through the same rules as the API: <c>password1234</c> is refused with the reason.</summary>
    [Fact]
    public async Task The_password_page_refuses_a_common_password_and_says_why()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var user = await app.CreateUserAsync(Role.Analyst);
        var client = await app.SignInAsync(user);
        var form = await client.GetStringAsync("/account/password");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

        var posted = await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["currentPassword"] = user.Password, ["newPassword"] = "password1234",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var page = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.Contains("common or breached", page);
        Assert.DoesNotContain("password1234", page, StringComparison.OrdinalIgnoreCase);
        await app.SignInAsync(user);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Signing_out_ends_the_session_and_is_audited(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Role.FieldOfficer);
        var client = await app.SignInAsync(user);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/account/logout", null)).StatusCode);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/account/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityId == user.Id.ToString()).Select(e => e.ActionCode).ToListAsync());
        Assert.Contains(1700, actions);
        Assert.Contains(1702, actions);
    }

    /// <summary>Finding 4 of the security probe: a session cookie saved before signing out kept working afterwards.</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_session_cookie_saved_before_signing_out_is_refused_afterwards_while_other_sessions_go_on(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var user = await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code);
        var client = await app.SignInAsync(user);
        var otherDevice = await app.SignInAsync(user);
        var saved = CopyOf(app, client);
        Assert.Equal(HttpStatusCode.OK, (await saved.GetAsync("/api/v1/account/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/account/logout", null)).StatusCode);

        await ProblemAssert.IsProblemAsync(await saved.GetAsync("/api/v1/account/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        var page = await saved.GetAsync($"/missions/{TestMission.Code}/incidents");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await otherDevice.GetAsync("/api/v1/account/me")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Signing_out_everywhere_ends_every_session_of_the_user_and_is_audited(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Role.Analyst);
        var other = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst));
        var laptop = await app.SignInAsync(user);
        var phone = await app.SignInAsync(user);
        var saved = CopyOf(app, phone);

        Assert.Equal(HttpStatusCode.NoContent, (await laptop.PostAsync("/api/v1/account/logout-everywhere", null)).StatusCode);

        foreach (var client in new[] { laptop, phone, saved })
            await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/account/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/account/me")).StatusCode);
        Assert.Contains(AuditCodes.SignedOutEverywhere,
            await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityId == user.Id.ToString()).Select(e => e.ActionCode).ToListAsync()));
        await app.SignInAsync(user);
    }

    /// <summary>A second client carrying the same cookies, as someone who copied them would.</summary>
    private static HttpClient CopyOf(TestApp app, HttpClient client)
    {
        var copy = app.CreateClient();
        foreach (System.Net.Cookie cookie in TestApp.CookieContainerOf(client).GetAllCookies())
            TestApp.CookieContainerOf(copy).Add(cookie);
        return copy;
    }

    [Fact]
    public async Task The_html_sign_in_form_signs_in_with_its_antiforgery_token()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var user = await app.CreateUserAsync(Role.Analyst);
        var browser = app.CreateClient();
        var form = await browser.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        var posted = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["email"] = user.Email, ["password"] = user.Password,
        }));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(user.Email), await browser.GetStringAsync("/"));
    }
}
