using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Foundation.Missions;

namespace Amani.Tests.Foundation.Missions;

public sealed class MissionsApiTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Administrator_creates_a_mission_that_is_audited_and_readable(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));

        var created = await admin.PostAsJsonAsync("/api/v1/missions", new { code = "minusma", name = "Mali mission", countryIso3 = "mli" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/missions/MINUSMA", created.Headers.Location?.ToString());

        var mission = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/missions/MINUSMA")).RootElement;
        Assert.Equal("Africa/Bamako", mission.GetProperty("timeZone").GetString());
        Assert.Equal("MLI", mission.GetProperty("countryIso3").GetString());
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().AnyAsync(e => e.ActionCode == 1400 && e.Summary.Contains("MINUSMA")));
        Assert.True(audited);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_mission_scoped_analyst_sees_only_their_mission(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        await admin.PostAsJsonAsync("/api/v1/missions", new { code = "ONE", name = "Mission one", countryIso3 = "CAF" });
        await admin.PostAsJsonAsync("/api/v1/missions", new { code = "TWO", name = "Mission two", countryIso3 = "SSD" });
        var analyst = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, "ONE"));

        var list = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/missions");
        Assert.Equal(["ONE"], list.EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        await ProblemAssert.IsProblemAsync(await analyst.GetAsync("/api/v1/missions/TWO"), HttpStatusCode.NotFound, "not-found");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_token_with_the_read_scope_reads_but_cannot_create(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var token = await admin.PostAsJsonAsync("/api/v1/tokens", new { name = "reader", scopes = new[] { "missions:read" } });
        Assert.Equal(HttpStatusCode.Created, token.StatusCode);
        var secret = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var client = app.TokenClient(secret);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/missions")).StatusCode);
        var denied = await client.PostAsJsonAsync("/api/v1/missions", new { code = "X1", name = "Nope", countryIso3 = "CAF" });
        await ProblemAssert.IsProblemAsync(denied, HttpStatusCode.Forbidden, "insufficient-scope");
        Assert.False(await app.WithDbAsync(db => db.Missions.AnyAsync(m => m.Code == "X1")));
    }
}
