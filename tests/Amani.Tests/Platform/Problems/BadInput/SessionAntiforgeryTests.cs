using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Problems.BadInput;

/// <summary>A state-changing call with the session cookie but without a valid X-CSRF-TOKEN header: 400 antiforgery, nothing written.</summary>
public sealed class SessionAntiforgeryTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_session_post_without_the_csrf_header_is_refused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        Assert.True(admin.DefaultRequestHeaders.Remove(SessionAntiforgery.HeaderName));
        var before = await RowCounts.TakeAsync(app);

        var mission = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/missions", new { code = "CSRF", name = "Forged mission", countryIso3 = "CAF" }),
            HttpStatusCode.BadRequest, "antiforgery");
        Assert.Contains("X-CSRF-TOKEN", mission.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/tokens", new { name = "forged", scopes = new[] { "missions:read" } }),
            HttpStatusCode.BadRequest, "antiforgery");
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/v1/account/logout", null), HttpStatusCode.BadRequest, "antiforgery");

        admin.DefaultRequestHeaders.Add(SessionAntiforgery.HeaderName, "forged-token-value");
        await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/organizations", new { name = "Forged Relief", kind = "ngo" }),
            HttpStatusCode.BadRequest, "antiforgery");

        await before.AssertUnchangedAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/account/me")).StatusCode);
    }
}
