using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Analysis.Aggregates;
using Amani.Platform.Data;
using Amani.Foundation.Areas.Geo;
using Amani.Tests.Infrastructure;
using Xunit;
using static Amani.Tests.Analysis.Aggregates.AggregateWorld;

namespace Amani.Tests.Analysis.Aggregates;

/// <summary>The aggregates follow every change of an incident: recorded, edited, rejected, merged — and equal a rebuild.</summary>
public sealed class AggregateUpdateTests
{
    private static readonly DateTimeOffset January = new(2024, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February = new(2024, 2, 3, 10, 0, 0, TimeSpan.Zero);

    private static Totals? Total(AggregateSeries series, string code) => series.Series.SingleOrDefault(s => s.Unit.Code == code)?.Total;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_recorded_incident_counts_for_its_area_every_ancestor_and_its_cell(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));

        await RecordAsync(officer, Incident(January, 4.25, 18.25));

        var cell = PrioGrid.CellOf(4.25, 18.25).ToString();
        foreach (var (unit, code) in new[] { ("admin2", District), ("admin1", TestMission.Province), ("country", "CF"), ("cell", cell) })
        {
            var series = await SeriesAsync(officer, $"unit={unit}");
            var only = Assert.Single(series.Series);
            Assert.Equal(code, only.Unit.Code);
            Assert.Equal(new Totals(1, 2, 1, 3), only.Total);
            Assert.Equal(new MonthTotals("2024-01", 1, 2, 1, 3), Assert.Single(only.Months));
        }
        Assert.Empty((await SeriesAsync(officer, "unit=admin2&violence=nonState,oneSided")).Series);
        Assert.Single((await SeriesAsync(officer, "unit=admin2&violence=stateBased")).Series);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Edits_rejections_and_merges_move_or_remove_an_incident_and_the_result_equals_a_rebuild(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var (moved, movedTag) = await RecordAsync(officer, Incident(January, 4.25, 18.25));
        await RecordAsync(officer, Incident(January, 4.3, 18.3, category: "violence-against-civilians.attack", actorType: "politicalMilitia", best: 5, low: 5, high: 9));

        // Moved to February and out of the district (into the province only), and made non-state.
        await SendAsync(officer, HttpMethod.Put, moved, Incident(February, 4.75, 18.75, actorType: "identityMilitia"), movedTag);
        var district = await SeriesAsync(officer, "unit=admin2");
        Assert.Equal(new Totals(1, 5, 5, 9), Total(district, District));
        var province = Assert.Single((await SeriesAsync(officer, "unit=admin1")).Series);
        Assert.Equal([new MonthTotals("2024-01", 1, 5, 5, 9), new MonthTotals("2024-02", 1, 2, 1, 3)], province.Months);
        Assert.Equal(new Totals(1, 2, 1, 3), Total(await SeriesAsync(officer, "unit=admin1&violence=nonState"), TestMission.Province));
        Assert.Equal(new Totals(1, 5, 5, 9), Total(await SeriesAsync(officer, "unit=admin1&violence=oneSided"), TestMission.Province));

        // Rejected: gone.
        var (rejected, rejectedTag) = await RecordAsync(officer, Incident(January, 4.2, 18.2, best: 100, low: 100, high: 100));
        Assert.Equal(new Totals(2, 105, 105, 109), Total(await SeriesAsync(officer, "unit=admin2"), District));
        await SendAsync(officer, HttpMethod.Post, rejected + "/transitions", new { to = "rejected", reason = "Not confirmed by the patrol." }, rejectedTag);
        Assert.Equal(new Totals(1, 5, 5, 9), Total(await SeriesAsync(officer, "unit=admin2"), District));

        // Merged into another: counted once.
        var (survivor, _) = await RecordAsync(officer, Incident(January, 4.1, 18.1, best: 10, low: 10, high: 10));
        var (duplicate, duplicateTag) = await RecordAsync(officer, Incident(January, 4.1, 18.1, best: 10, low: 10, high: 10));
        Assert.Equal(new Totals(3, 25, 25, 29), Total(await SeriesAsync(officer, "unit=admin2"), District));
        await SendAsync(officer, HttpMethod.Post, duplicate + "/merge", new { into = Guid.Parse(survivor.Split('/')[^1]), reason = "Same clash." }, duplicateTag);
        Assert.Equal(new Totals(2, 15, 15, 19), Total(await SeriesAsync(officer, "unit=admin2"), District));
        Assert.Equal(new Totals(3, 17, 16, 22), Total(await SeriesAsync(officer, "unit=country"), "CF"));

        var incremental = await SnapshotAsync(app);
        var rebuilt = await RebuildAsync(app, mission.Id);
        Assert.True(rebuilt.WholeMission);
        Assert.Equal(incremental, await SnapshotAsync(app));
        Assert.NotEmpty(incremental);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_rejected_incident_stays_out_when_it_is_closed_and_counts_again_when_reopened(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var (incident, tag) = await RecordAsync(officer, Incident(January, 4.25, 18.25));

        async Task<string> Move(string to, string etag) =>
            (await SendAsync(officer, HttpMethod.Post, incident + "/transitions", new { to, reason = $"Moved to {to}." }, etag)).Headers.ETag!.Tag;

        tag = await Move("rejected", tag);
        tag = await Move("closed", tag);
        Assert.Empty((await SeriesAsync(officer, "unit=admin2")).Series);
        tag = await Move("responding", tag); // the workflow allows reopening a closed incident
        Assert.Equal(new Totals(1, 2, 1, 3), Total(await SeriesAsync(officer, "unit=admin2"), District));
    }
}
