using Amani.Analysis.Aggregates;
using Amani.Foundation.Areas;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Measures;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Measures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Analysis.Aggregates.AggregateWorld;
using static Amani.Tests.Platform.Measures.MeasureRun;

namespace Amani.Tests.Analysis.Aggregates;

/// <summary>
/// The incident measures count what the aggregates count (not rejected, not duplicates, not closed after rejection, never
/// restricted), public incidents only for a public indicator, by month, the incident's own area and category; and a
/// change of an incident is announced once the aggregates are refreshed.
/// </summary>
public sealed class IncidentMeasuresTests
{
    private const string Clash = "battles.armed-clash";
    private const string Attack = "violence-against-civilians.attack";

    private static object Recorded(DateTimeOffset at, double? latitude, double? longitude, string category, int best, int civilians,
        string confidentiality = "public") => new
    {
        source = "patrol", categoryCode = category, occurredAt = at, latitude, longitude, locationPrecision = latitude is null ? null : "exact",
        description = "Clashes near the river.", fatalitiesBest = best, civilianFatalities = civilians, confidentiality,
        restrictedToRoles = confidentiality == "restricted" ? new[] { "dutyOfficer" } : null,
    };

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Counts_fatalities_and_civilian_fatalities_follow_the_aggregates_rule_and_the_confidentiality_asked(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var jan = new DateTimeOffset(2024, 1, 15, 10, 0, 0, TimeSpan.Zero);
        var feb = new DateTimeOffset(2024, 2, 28, 23, 30, 0, TimeSpan.Zero);

        await RecordAsync(officer, Recorded(jan, 4.25, 18.25, Clash, best: 2, civilians: 1)); // public, district
        await RecordAsync(officer, Recorded(jan, 4.75, 18.75, Clash, best: 5, civilians: 3, confidentiality: "mission")); // province only
        await RecordAsync(officer, Recorded(jan, 4.25, 18.25, Clash, best: 100, civilians: 50, confidentiality: "restricted")); // never counted
        var (rejected, rejectedTag) = await RecordAsync(officer, Recorded(jan, 4.25, 18.25, Clash, best: 7, civilians: 7));
        await SendAsync(officer, HttpMethod.Post, rejected + "/transitions", new { to = "rejected", reason = "Not confirmed by the patrol." }, rejectedTag);
        var (closed, closedTag) = await RecordAsync(officer, Recorded(jan, 4.25, 18.25, Clash, best: 9, civilians: 9));
        closedTag = (await SendAsync(officer, HttpMethod.Post, closed + "/transitions", new { to = "rejected", reason = "Not confirmed." }, closedTag)).Headers.ETag!.Tag;
        await SendAsync(officer, HttpMethod.Post, closed + "/transitions", new { to = "closed", reason = "Nothing to follow." }, closedTag);
        var (survivor, _) = await RecordAsync(officer, Recorded(feb, 4.25, 18.25, Attack, best: 4, civilians: 4));
        var (duplicate, duplicateTag) = await RecordAsync(officer, Recorded(feb, 4.25, 18.25, Attack, best: 4, civilians: 4));
        await SendAsync(officer, HttpMethod.Post, duplicate + "/merge", new { into = Guid.Parse(survivor.Split('/')[^1]), reason = "Same attack." }, duplicateTag);
        await RecordAsync(officer, Recorded(feb, null, null, Clash, best: 1, civilians: 0, confidentiality: "mission")); // no place: no area
        await RecordAsync(officer, Recorded(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), 4.25, 18.25, Clash, best: 60, civilians: 60)); // after the range

        var (district, province) = await app.WithDbAsync(async db => (
            await db.AdminAreas.Where(a => a.MissionId == mission.Id && a.PCode == District).Select(a => a.Id).SingleAsync(),
            await db.AdminAreas.Where(a => a.MissionId == mission.Id && a.PCode == TestMission.Province).Select(a => a.Id).SingleAsync()));
        var unplaced = await app.WithDbAsync(db => db.Set<Amani.Register.Incidents.Incident>()
            .Where(i => i.MissionId == mission.Id && i.Latitude == null).Select(i => i.AreaId).SingleAsync());

        List<MeasureFact> Expected(bool publicOnly, double a, double b, double f, double g) => Sorted(new[]
        {
            new MeasureFact(January, district, Clash, a, 1),
            new MeasureFact(January, province, Clash, b, 1),
            new MeasureFact(February, district, Attack, f, 1),
            new MeasureFact(February, unplaced, Clash, g, 1),
        }.Where((_, index) => !publicOnly || index is 0 or 2));

        foreach (var publicOnly in new[] { false, true })
        {
            Assert.Equal(Expected(publicOnly, 1, 1, 1, 1), await FactsAsync(app, "incidents.count", mission.Id, January, March, publicOnly));
            Assert.Equal(Expected(publicOnly, 2, 5, 4, 1), await FactsAsync(app, "incidents.fatalities", mission.Id, January, March, publicOnly));
            Assert.Equal(Expected(publicOnly, 1, 3, 4, 0), await FactsAsync(app, "incidents.civilian-fatalities", mission.Id, January, March, publicOnly));
        }
        Assert.Equal([new MeasureFact(February, district, Attack, 1, 1)], await FactsAsync(app, "incidents.count", mission.Id, February, March, publicOnly: true));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_three_measures_of_one_computation_read_the_incidents_once(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        await RecordAsync(officer, Recorded(new DateTimeOffset(2024, 1, 15, 10, 0, 0, TimeSpan.Zero), 4.25, 18.25, Clash, best: 2, civilians: 1));

        var (reads, totals) = await app.WithScopeAsync(async services =>
        {
            var catalog = services.GetRequiredService<MeasureCatalog>();
            var db = services.GetRequiredService<Amani.Platform.Data.AmaniDbContext>();
            var totals = new List<double>();
            foreach (var key in new[] { "incidents.count", "incidents.fatalities", "incidents.civilian-fatalities", "incidents.count" })
            {
                var (source, measure) = catalog.Find(key)!.Value;
                foreach (var publicOnly in new[] { true, false })
                    totals.Add((await source.ReadAsync(db, measure, new MeasureRequest(mission.Id, January, March, publicOnly, measure.Resolve(null)),
                        CancellationToken.None)).Sum(f => f.Value));
            }
            return (services.GetServices<IMeasureSource>().OfType<IncidentMeasures>().Single().Reads, totals);
        });
        Assert.Equal(1, reads);
        Assert.Equal([1, 1, 2, 2, 1, 1, 1, 1], totals);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_edited_incident_is_announced_for_its_months_once_the_aggregates_are_refreshed(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var jan = new DateTimeOffset(2024, 1, 15, 10, 0, 0, TimeSpan.Zero);
        var (incident, etag) = await RecordAsync(officer, Recorded(jan, 4.25, 18.25, Clash, best: 2, civilians: 1));
        await RefreshAsync(app, mission.Id);

        using var watch = new Watch(app);
        // Only the civilian fatalities change: the aggregates do not show them, the measures do.
        await SendAsync(officer, HttpMethod.Put, incident, Recorded(jan, 4.25, 18.25, Clash, best: 2, civilians: 2), etag);
        await RefreshAsync(app, mission.Id); // the refresh service may have been first: either announces
        Assert.True(await watch.SeenAsync(c => c == new MeasureChange(mission.Id, "incidents", January, February)),
            "Announced: " + string.Join("; ", watch.Seen));
        Assert.Equal(2, (await FactsAsync(app, "incidents.civilian-fatalities", mission.Id, January, March, publicOnly: false)).Single().Value);

        await RebuildAsync(app, mission.Id);
        Assert.Contains(new MeasureChange(mission.Id, "incidents", null, null), watch.Seen);
        Assert.DoesNotContain(watch.Seen, c => c.Source != "incidents" || c.MissionId != mission.Id);
    }
}
