using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Foundation.Missions;

namespace Amani.Tests.Platform.Audit;

public sealed class AuditApiTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_administrator_pages_through_every_entry_in_sequence_order(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        foreach (var code in new[] { "ONE", "TWO", "THREE" })
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/missions", new { code, name = "Mission " + code, countryIso3 = "CAF" })).StatusCode);
        var stored = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());

        var seen = new List<JsonElement>();
        long? after = null;
        var pages = 0;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?limit=2{(after is null ? "" : $"&after={after}")}");
            var entries = page.GetProperty("entries").EnumerateArray().ToList();
            Assert.InRange(entries.Count, 1, 2);
            seen.AddRange(entries);
            after = page.GetProperty("nextAfter").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextAfter").GetInt64();
            pages++;
        } while (after is not null && pages < 50);

        Assert.Equal(stored.Select(e => e.Sequence), seen.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal((stored.Count + 1) / 2, pages);
        var created = seen.Last(e => e.GetProperty("actionCode").GetInt32() == 1400);
        var row = stored.Single(e => e.Sequence == created.GetProperty("sequence").GetInt64());
        Assert.Equal("MissionCreated", created.GetProperty("action").GetString());
        Assert.Equal(row.Actor, created.GetProperty("actor").GetString());
        Assert.Equal(row.EntityId, created.GetProperty("entityId").GetString());
        Assert.Equal(row.Summary, created.GetProperty("summary").GetString());
        Assert.Equal(row.RequestId, created.GetProperty("requestId").GetString());
        Assert.Equal(row.Hash, created.GetProperty("hash").GetString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entries_can_be_filtered_to_one_entity(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        await admin.PostAsJsonAsync("/api/v1/missions", new { code = "ONE", name = "Mission one", countryIso3 = "CAF" });
        await admin.PostAsJsonAsync("/api/v1/missions", new { code = "TWO", name = "Mission two", countryIso3 = "SSD" });
        await admin.PutAsJsonAsync("/api/v1/missions/TWO", new { name = "Mission two renamed", timeZone = "Africa/Juba" });
        var two = await app.WithDbAsync(db => db.Missions.Where(m => m.Code == "TWO").Select(m => m.Id).SingleAsync());

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityType=mission&entityId={two}");

        Assert.Equal([1400, 1401], page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("actionCode").GetInt32()));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextAfter").ValueKind);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_verification_endpoint_reports_an_intact_chain_and_then_the_first_broken_row(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());

        var intact = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verification");
        Assert.True(intact.GetProperty("isIntact").GetBoolean());
        Assert.Equal(rows.Count, intact.GetProperty("rowsVerified").GetInt64());
        Assert.Equal(rows[^1].Hash, intact.GetProperty("lastGoodHash").GetString());
        Assert.Equal(JsonValueKind.Null, intact.GetProperty("firstBreak").ValueKind);

        Assert.Equal(1, await AuditedDatabase.TamperAsync(app.Database.Target, "UPDATE audit_entries SET actor = 'system' WHERE sequence = 2"));

        var broken = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/verification");
        Assert.False(broken.GetProperty("isIntact").GetBoolean());
        Assert.Equal(2, broken.GetProperty("firstBreak").GetProperty("sequence").GetInt64());
        Assert.Contains("Audit row 2", broken.GetProperty("firstBreak").GetProperty("reason").GetString());
        Assert.Equal(1, broken.GetProperty("lastGoodSequence").GetInt64());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Users_without_the_audit_permission_are_refused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var analyst = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst));

        await ProblemAssert.IsProblemAsync(await analyst.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await analyst.GetAsync("/api/v1/audit/verification"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/audit")).StatusCode);
    }
}
