using System.Diagnostics;
using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Analysis.Aggregates;
using Amani.Platform.Data;
using Amani.Analysis.Hotspots;
using Amani.Tests.Analysis.Aggregates;
using Amani.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Amani.Tests.Analysis.Hotspots;

/// <summary>
/// The demonstration of issue 5 on real data: the 16,566 UCDP GED events in Syria, January 2016 – November 2019, over the
/// 14 governorates and 61 districts. What the analysis must find, and why (dates from the UN Commission of Inquiry's and
/// UCDP's own conflict summaries):
/// <list type="bullet">
/// <item>2016: the battle for Aleppo city (Jebel Saman district) until its fall in December, and the fighting around it in
/// northern Aleppo (A'zaz, Al Bab: Operation Euphrates Shield from August).</item>
/// <item>June–October 2017: the battle of Raqqa (Ar-Raqqa district); September–November 2017: Deir ez-Zor relieved and
/// taken (Deir-ez-Zor district); Palmyra retaken in March (Tadmor).</item>
/// <item>February–April 2018: the offensive on Eastern Ghouta (the Duma and Rural Damascus districts); January–March 2018:
/// Operation Olive Branch in Afrin; autumn 2018: the Hajin pocket on the Euphrates (Abu Kamal district).</item>
/// <item>April–August 2019: the offensive on southern Idlib and northern Hama (Al Ma'ra district with Khan Shaykhun,
/// Muhradah).</item>
/// </list>
/// And what it must not flag: Tartus (6 events in four years) and As-Suwayda (134, most of them on one day, the attack
/// of 25 July 2018) as governorates, and no district of Tartus at all.
/// The purely spatial map of the whole four years has little power at governorate level (14 units; violence was
/// everywhere, so few governorates stand out from the national mean): the theatres are tested where the method can see
/// them — per year and per offensive over districts, and month by month in the space-time analysis.
/// </summary>
public sealed class SyriaHotspotTests(ITestOutputHelper output)
{
    private static readonly string[] TartusDistricts = ["SY.TA.BN", "SY.TA.DK", "SY.TA.SB", "SY.TA.ST", "SY.TA.TA"];

    private static async Task<T> GetAsync<T>(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/missions/{SyriaWorld.Code}/{query}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(AggregateWorld.Json))!;
    }

    private static IReadOnlyList<string> Hot(HotspotMap map) => map.Units.Where(u => u.Class.IsHot()).Select(u => u.Unit.Code).ToList();

    private static IReadOnlyList<string> HotMonths(EmergingHotspotMap map, string code) =>
        map.Units.Single(u => u.Unit.Code == code).Months.Where(m => m.Class.IsHot()).Select(m => m.Month).ToList();

    private static IEnumerable<string> Months(string first, string last)
    {
        MonthIds.TryParse(first, out var from);
        MonthIds.TryParse(last, out var to);
        return Enumerable.Range(from!.Value, to!.Value - from.Value + 1).Select(MonthIds.Format);
    }

    private static void Includes(IEnumerable<string> expected, IReadOnlyCollection<string> actual, string? what = null)
    {
        var missing = expected.Except(actual).ToList();
        Assert.True(missing.Count == 0, $"{what} lacks {string.Join(", ", missing)}; it has {string.Join(", ", actual)}");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_analysis_finds_the_known_theatres_of_2016_2019_and_leaves_the_quiet_governorates_alone(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var syria = await SyriaWorld.CreateAsync(app);
        Assert.Equal((16566L, 0L), (syria.Events.Inserted, syria.Events.Rejected));
        var analyst = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, SyriaWorld.Code));

        // The aggregates after the import: every event in the country, once; GED's own violence types and PRIO-GRID cells.
        var country = Assert.Single((await GetAsync<AggregateSeries>(analyst, "aggregates?unit=country")).Series);
        Assert.Equal(new Totals(16566, 112337, 104833, 119182), country.Total); // best; low and high bracketing best, as imported
        Assert.Equal(47, country.Months.Count);
        foreach (var (type, events, best) in new[] { ("stateBased", 11507L, 80649L), ("nonState", 4577L, 29417L), ("oneSided", 482L, 2271L) })
            Assert.Equal((events, best), (await GetAsync<AggregateSeries>(analyst, $"aggregates?unit=country&violence={type}")).Series.Single().Total
                is var t ? (t.Events, t.FatalitiesBest) : default);
        var cells = await GetAsync<AggregateSeries>(analyst, "aggregates?unit=cell");
        Assert.Equal((87, 15130L), (cells.Series.Count, cells.Series.Sum(s => s.Total.Events))); // the events GED places within 25 km or a district
        var governorates = await GetAsync<AggregateSeries>(analyst, "aggregates?unit=admin1");
        Assert.Equal(14, governorates.Series.Count);
        Assert.Equal("SY.HL", governorates.Series[0].Unit.Code); // Aleppo: the most events

        var watch = Stopwatch.StartNew();
        var incremental = await AggregateWorld.SnapshotAsync(app);
        var rebuilt = await AggregateWorld.RebuildAsync(app, syria.Mission.Id);
        Assert.Equal(incremental, await AggregateWorld.SnapshotAsync(app));
        output.WriteLine($"{provider}: import {syria.ImportTime.TotalMilliseconds:0} ms; rebuild {rebuilt.Elapsed.TotalMilliseconds:0} ms " +
                         $"({rebuilt.AreaRows} area rows, {rebuilt.CellRows} cell rows)");

        // Per year and per offensive, districts.
        async Task<IReadOnlyList<string>> HotDistricts(string from, string to)
        {
            var clock = Stopwatch.StartNew();
            var map = await GetAsync<HotspotMap>(analyst, $"hotspots?unit=admin2&from={from}&to={to}");
            output.WriteLine($"admin2 {from}…{to} ({clock.ElapsedMilliseconds} ms): " +
                             string.Join(", ", map.Units.Where(u => u.Class.IsHot()).Select(u => $"{u.Unit.Name} z={u.Z:0.00} q={u.Q:0.####}")));
            Assert.DoesNotContain(map.Units, u => u.Class.IsHot() && (u.Unit.Code.StartsWith("SY.TA.", StringComparison.Ordinal)));
            return Hot(map);
        }
        Includes(["SY.HL.JS", "SY.HL.AZ", "SY.HL.BB"], await HotDistricts("2016-01", "2016-12"));
        Includes(["SY.RA.RA", "SY.DY.DY", "SY.HI.TD"], await HotDistricts("2017-01", "2017-12"));
        Includes(["SY.RA.RA", "SY.DY.DY"], await HotDistricts("2017-06", "2017-10"));
        Includes(["SY.RD.RD", "SY.DI.DI"], await HotDistricts("2018-02", "2018-04"));
        Includes(["SY.ID.MN", "SY.ID.ID", "SY.HM.MH"], await HotDistricts("2019-01", "2019-12"));

        // The whole period, purely spatial: no quiet governorate, no district of Tartus or As-Suwayda is a hot spot.
        watch.Restart();
        var whole = await GetAsync<HotspotMap>(analyst, "hotspots?unit=admin1");
        output.WriteLine($"admin1 whole period: {watch.ElapsedMilliseconds} ms; " + string.Join(", ", whole.Units.Select(u => $"{u.Unit.Code} z={u.Z:0.00} q={u.Q:0.###}")));
        Assert.DoesNotContain(whole.Units, u => u.Unit.Code is "SY.TA" or "SY.SU" && u.Class.IsHot());
        var wholeDistricts = await GetAsync<HotspotMap>(analyst, "hotspots?unit=admin2");
        Assert.DoesNotContain(wholeDistricts.Units, u => u.Unit.Code.StartsWith("SY.TA.", StringComparison.Ordinal) || u.Unit.Code.StartsWith("SY.SU.", StringComparison.Ordinal)
            ? u.Class.IsHot() : false);

        // Cells, whole period: the strongest hot spots are the Idlib–Aleppo cells (35.5–36.5°N, 36.5–37.5°E).
        watch.Restart();
        var grid = await GetAsync<HotspotMap>(analyst, "hotspots?unit=cell");
        output.WriteLine($"cells whole period ({watch.ElapsedMilliseconds} ms, {grid.Method.Units} cells): " +
                         string.Join(", ", grid.Units.Where(u => u.Class.IsHot()).Select(u => $"{u.Unit.Code} z={u.Z:0.00} q={u.Q:0.####}")));
        Assert.Equal(SpotClass.Hot99, grid.Units[0].Class);
        Assert.All(grid.Units.Take(3), u =>
        {
            Assert.True(u.Class.IsHot(), $"{u.Unit.Name} is {u.Class}");
            Assert.InRange(u.Unit.Latitude!.Value, 35.5, 36.5);
            Assert.InRange(u.Unit.Longitude!.Value, 36.5, 37.5);
        });

        // Space-time over districts: each theatre is a hot spot in the months it was fought over; Tartus never is.
        watch.Restart();
        var emerging = await GetAsync<EmergingHotspotMap>(analyst, "hotspots?unit=admin2&space-time=true");
        output.WriteLine($"admin2 space-time ({watch.ElapsedMilliseconds} ms, {emerging.Method.Bins} bins):");
        foreach (var unit in emerging.Units.Where(u => u.HotMonths > 0))
            output.WriteLine($"  {unit.Unit.Name}: {unit.HotMonths} hot months ({string.Join(" ", unit.Months.Where(m => m.Class.IsHot()).Select(m => m.Month))})");
        Includes(Months("2016-07", "2016-12"), HotMonths(emerging, "SY.HL.JS"), "SY.HL.JS");
        Includes(Months("2017-06", "2017-10"), HotMonths(emerging, "SY.RA.RA"), "SY.RA.RA");
        Includes(Months("2017-09", "2017-11"), HotMonths(emerging, "SY.DY.DY"), "SY.DY.DY");
        Includes(Months("2018-02", "2018-03"), HotMonths(emerging, "SY.RD.DM"), "SY.RD.DM");
        Includes(Months("2018-02", "2018-04"), HotMonths(emerging, "SY.RD.RD"), "SY.RD.RD");
        Includes(Months("2018-02", "2018-03"), HotMonths(emerging, "SY.HL.AF"), "SY.HL.AF");
        Includes(Months("2018-10", "2018-12"), HotMonths(emerging, "SY.DY.AK"), "SY.DY.AK");
        Includes(Months("2019-05", "2019-08"), HotMonths(emerging, "SY.ID.MN"), "SY.ID.MN");
        Assert.All(TartusDistricts, code => Assert.Empty(HotMonths(emerging, code)));

        // Space-time over governorates: the northern and eastern theatres, not Tartus or As-Suwayda.
        var provinces = await GetAsync<EmergingHotspotMap>(analyst, "hotspots?unit=admin1&space-time=true");
        output.WriteLine("admin1 space-time: " + string.Join(", ", provinces.Units.Select(u => $"{u.Unit.Name} {u.HotMonths}/{u.ColdMonths}")));
        Assert.All(new[] { "SY.HL", "SY.ID", "SY.HM", "SY.RA", "SY.DY" }, code => Assert.True(HotMonths(provinces, code).Count >= 5, code));
        Assert.All(new[] { "SY.TA", "SY.SU" }, code => Assert.Empty(HotMonths(provinces, code)));
    }
}
