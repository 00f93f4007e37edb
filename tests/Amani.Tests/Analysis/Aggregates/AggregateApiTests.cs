using System.Net;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Analysis.Aggregates;
using Amani.Platform.Data;
using Amani.Analysis.Hotspots;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Analysis.Aggregates.AggregateWorld;

namespace Amani.Tests.Analysis.Aggregates;

public sealed class AggregateApiTests
{
    private static readonly DateTimeOffset March = new(2024, 3, 10, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("aggregates", "", "unit", "country, admin1, admin2, cell")]
    [InlineData("aggregates", "unit=district", "unit", "country, admin1, admin2, cell")]
    [InlineData("hotspots", "unit=country", "unit", "admin1, admin2, cell")]
    [InlineData("aggregates", "unit=admin1&from=2024-13", "from", "YYYY-MM")]
    [InlineData("aggregates", "unit=admin1&to=March", "to", "YYYY-MM")]
    [InlineData("hotspots", "unit=admin1&from=2024-05&to=2024-01", "to", "before")]
    [InlineData("aggregates", "unit=cell&violence=stateBased,battles", "violence", "stateBased, nonState, oneSided, other")]
    [InlineData("hotspots", "unit=cell&measure=deaths", "measure", "events or fatalities")]
    [InlineData("hotspots", "unit=cell&space-time=maybe", "space-time", "true or false")]
    [InlineData("hotspots", "unit=cell&space-time=true&from=1990-01&to=2024-01", "from", "at most 240 months")]
    public async Task Bad_parameters_are_refused_naming_the_parameter_and_what_it_accepts(string endpoint, string query, string field, string hint)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await CreateAsync(app);
        var analyst = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, TestMission.Code));

        var response = await analyst.GetAsync($"/api/v1/missions/{TestMission.Code}/{endpoint}?{query}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var message = Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString();
        Assert.Contains(hint, message);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Readers_see_totals_of_what_they_may_see_and_restricted_incidents_are_never_aggregated(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var partner = await app.SignInAsync(await app.CreateUserAsync(Role.Partner, TestMission.Code,
            await Amani.Tests.Register.Incidents.Query.Fixtures.OrganizationAsync(app, "Monitors")));
        await RecordAsync(officer, Incident(March, 4.25, 18.25, best: 1, low: 1, high: 1, confidentiality: "public"));
        await RecordAsync(officer, Incident(March, 4.25, 18.25, best: 10, low: 10, high: 10, confidentiality: "mission"));
        await RecordAsync(officer, Incident(March, 4.25, 18.25, best: 100, low: 100, high: 100, confidentiality: "restricted"));

        Assert.Equal(new Totals(2, 11, 11, 11), Assert.Single((await SeriesAsync(officer, "unit=admin1")).Series).Total);
        Assert.Equal(new Totals(1, 1, 1, 1), Assert.Single((await SeriesAsync(partner, "unit=admin1")).Series).Total);
        var hotspots = await partner.GetAsync($"/api/v1/missions/{TestMission.Code}/hotspots?unit=admin1&measure=fatalities");
        var map = JsonSerializer.Deserialize<HotspotMap>(await hotspots.Content.ReadAsStringAsync(), Json)!;
        Assert.Equal(1, Assert.Single(map.Units).Value);
    }

    [Fact]
    public async Task Another_missions_aggregates_are_not_found()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await CreateAsync(app);
        await app.WithScopeAsync(services => services.GetRequiredService<Amani.Foundation.Missions.MissionRules>()
            .CreateAsync(new Amani.Foundation.Missions.CreateMissionRequest("OTHER", "Other mission", "CAF", null), CancellationToken.None));
        var outsider = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, "OTHER"));
        foreach (var path in new[] { "aggregates?unit=admin1", "hotspots?unit=admin1", "aggregates?unit=nonsense" })
            await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/v1/missions/{TestMission.Code}/{path}"), HttpStatusCode.NotFound, "not-found");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Hot_spots_are_recomputed_when_the_aggregates_change(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        await RecordAsync(officer, Incident(March, 4.25, 18.25));
        async Task<HotspotMap> Cells() =>
            JsonSerializer.Deserialize<HotspotMap>(await officer.GetStringAsync($"/api/v1/missions/{TestMission.Code}/hotspots?unit=cell"), Json)!;

        var before = await Cells();
        Assert.Equal(before, await Cells(), HotspotMapComparer.Instance); // unchanged data: the same (cached) answer
        await RecordAsync(officer, Incident(March, 4.75, 18.75));
        var after = await Cells();

        Assert.True(after.Version > before.Version);
        Assert.Equal(1, before.Units.Sum(u => u.Value));
        Assert.Equal(2, after.Units.Sum(u => u.Value));
        // The province's four cells (18–19°E × 4–5°N): all of them are units, each with the three others as neighbours.
        Assert.Equal(4, after.Method.Units);
        Assert.All(after.Units, u => Assert.Equal(3, u.Neighbours));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_background_refresh_keeps_the_aggregates_up_to_date_without_a_reader(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider,
            services: services => services.AddSingleton(new AggregateSettings { RefreshInterval = TimeSpan.FromMilliseconds(200) }));
        var mission = await CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        await RecordAsync(officer, Incident(March, 4.25, 18.25));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        long events = 0;
        while (DateTime.UtcNow < deadline && events == 0)
        {
            await Task.Delay(200);
            events = await app.WithDbAsync(db => Task.FromResult(db.Set<AreaMonthAggregate>().Where(a => a.MissionId == mission.Id).Sum(a => (long)a.Events)));
        }

        Assert.Equal(3, events); // district, province, country
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Set<AggregateDirtySlice>().Any())));
    }

    private sealed class HotspotMapComparer : IEqualityComparer<HotspotMap>
    {
        public static readonly HotspotMapComparer Instance = new();

        public bool Equals(HotspotMap? x, HotspotMap? y) =>
            x is not null && y is not null && x.Version == y.Version && x.Units.SequenceEqual(y.Units) && x.Method == y.Method;

        public int GetHashCode(HotspotMap obj) => obj.Version.GetHashCode();
    }
}
