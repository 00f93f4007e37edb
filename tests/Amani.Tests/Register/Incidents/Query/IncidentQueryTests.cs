using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Register.Incidents;

namespace Amani.Tests.Register.Incidents.Query;

public sealed class IncidentQueryTests
{
    private const string List = $"/api/v1/missions/{TestMission.Code}/incidents";

    private static object Incident(DateTimeOffset at, string area = "CF.AA.01", double lat = 4.5, double lon = 18.5, string category = "battles.armed-clash",
        string source = "patrol", string confidence = "unverified", string description = "Gunfire near the Market", DateTimeOffset? until = null) => new
    {
        source, categoryCode = category, occurredAt = at, occurredUntil = until, latitude = lat, longitude = lon, areaPCode = area, description,
        confidence, confidentiality = "mission",
    };

    private static async Task<HashSet<Guid>> IdsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"{List}?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToHashSet();
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_filter_alone_and_combined_returns_exactly_the_matching_incidents(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        await Fixtures.AddAreasAsync(app);
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var now = app.Clock.GetUtcNow();
        var district = await Fixtures.RecordAsync(duty, Incident(now.AddDays(-1)));
        var centre = await Fixtures.RecordAsync(duty, Incident(now.AddDays(-2), area: "CF.AA.01.X", lat: 4.9, lon: 18.9, category: "battles",
            source: "media", confidence: "probable", description: "Clash reported by radio"));
        var province = await Fixtures.RecordAsync(duty, Incident(now.AddDays(-5), area: TestMission.Province, lat: 4.1, lon: 18.1,
            category: "protests.peaceful-protest", description: "Peaceful march"));
        var elsewhere = await Fixtures.RecordAsync(duty, Incident(now.AddDays(-10), area: "CF.BB", lat: 3.5, lon: 17.5, category: "riots",
            source: "partner", confidence: "confirmed", description: "Riot at the MARKET", until: now.AddDays(-3)));
        Assert.Equal(HttpStatusCode.OK, (await IncidentLifecycleTests.Send(duty, HttpMethod.Post, $"/api/v1/incidents/{province}/transitions",
            new { to = "triaged", reason = "Looked at it" }, "\"1\"")).StatusCode);

        Assert.Equal([district, centre, province, elsewhere], await IdsAsync(duty, ""));
        Assert.Equal([district, centre, province], await IdsAsync(duty, $"area={TestMission.Province}"));
        Assert.Equal([district, centre], await IdsAsync(duty, "area=CF.AA.01"));
        Assert.Equal([centre], await IdsAsync(duty, "area=CF.AA.01.X"));
        Assert.Equal([district, centre, province, elsewhere], await IdsAsync(duty, "area=CF"));
        Assert.Equal([district, province], await IdsAsync(duty, "bbox=18,4,18.6,4.6"));
        Assert.Equal([elsewhere], await IdsAsync(duty, "bbox=17,3,18,4"));
        // Time ranges overlap: 'elsewhere' spans -10 … -3 days.
        static string Time(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O"));
        Assert.Equal([district, centre, elsewhere], await IdsAsync(duty, $"from={Time(now.AddDays(-4))}&to={Time(now.AddDays(-0.5))}"));
        Assert.Equal([centre, elsewhere], await IdsAsync(duty, $"from={Time(now.AddDays(-4))}&to={Time(now.AddDays(-1.5))}"));
        Assert.Equal([district, centre], await IdsAsync(duty, "category=battles"));
        Assert.Equal([district], await IdsAsync(duty, "category=battles.armed-clash"));
        Assert.Empty(await IdsAsync(duty, "category=battl"));
        Assert.Equal([province], await IdsAsync(duty, "status=triaged"));
        Assert.Equal([district, centre, elsewhere], await IdsAsync(duty, "status=reported"));
        Assert.Equal([centre], await IdsAsync(duty, "source=media"));
        Assert.Equal([elsewhere], await IdsAsync(duty, "confidence=confirmed"));
        Assert.Equal([district, elsewhere], await IdsAsync(duty, "q=market"));
        Assert.Equal([centre], await IdsAsync(duty, "q=RADIO"));
        Assert.Equal([district], await IdsAsync(duty, $"area={TestMission.Province}&category=battles&source=patrol&status=reported&q=gunfire&bbox=18,4,19,5"));
        Assert.Empty(await IdsAsync(duty, $"area=CF.BB&category=battles"));

        await ProblemAssert.IsProblemAsync(await duty.GetAsync($"{List}?area=NOPE"), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await duty.GetAsync($"{List}?bbox=19,4,18,5"), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await duty.GetAsync($"{List}?bbox=1,2,3"), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await duty.GetAsync($"{List}?cursor=not-a-cursor"), HttpStatusCode.BadRequest, "validation");
        Assert.Equal([province], await IdsAsync(duty, "status=Triaged"));
        var unknown = await ProblemAssert.IsProblemAsync(await duty.GetAsync($"{List}?status=closing"), HttpStatusCode.BadRequest, "validation");
        Assert.Contains("triaged", unknown.GetProperty("errors").GetProperty("status")[0].GetString());
        await ProblemAssert.IsProblemAsync(await duty.GetAsync($"{List}?source=1"), HttpStatusCode.BadRequest, "validation");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Cursor_pages_are_stable_in_id_order_for_equal_times_while_incidents_are_added(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        await Fixtures.AddAreasAsync(app);
        var field = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));
        var now = app.Clock.GetUtcNow();
        var sameTime = now.AddHours(-5);
        var recorded = new List<(Guid Id, DateTimeOffset At)>();
        for (var i = 0; i < 9; i++)
        {
            var at = i < 7 ? sameTime : now.AddHours(-i);
            recorded.Add((await Fixtures.RecordAsync(field, Incident(at)), at));
        }
        var expected = recorded.OrderByDescending(r => r.At).ThenByDescending(r => r.Id.ToString(), StringComparer.Ordinal).Select(r => r.Id).ToList();
        var added = 0;

        var seen = await Fixtures.AllPagesAsync(field, List, 2, async () =>
        {
            // Newer incidents arrive between pages: they sort before the cursor and must not shift later pages.
            await Fixtures.RecordAsync(field, Incident(now.AddMinutes(-1 - added)));
            added++;
        });

        Assert.Equal(expected, seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var again = await Fixtures.AllPagesAsync(field, List, 3);
        Assert.Equal(expected, again.Skip(added));

        // The database's id order (SQLite: upper-case TEXT; PostgreSQL: uuid) agrees with the cursor's comparison.
        var dbOrder = await app.WithDbAsync(db => db.Incidents.Where(i => i.OccurredFrom >= sameTime.UtcDateTime.AddSeconds(-1) && i.OccurredFrom <= sameTime.UtcDateTime.AddSeconds(1)).OrderByDescending(i => i.Id).Select(i => i.Id).ToListAsync());
        Assert.Equal(expected.Take(7), dbOrder);
    }
}
