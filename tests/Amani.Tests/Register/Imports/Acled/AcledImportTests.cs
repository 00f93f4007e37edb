using Amani.Platform.Data;
using Amani.Register.Imports;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Register.Imports.Acled.AcledFiles;
using Amani.Foundation.Areas;

namespace Amani.Tests.Register.Imports.Acled;

public sealed class AcledImportTests
{
    private static Task<Result<ImportSummary>> ImportAsync(TestApp app, Mission mission, string path, string? rejects = null) =>
        app.WithScopeAsync(services => services.GetRequiredService<IncidentImporter>().ImportAsync(mission, new AcledMapper(), path,
            new ImportOptions { BatchSize = 3, RejectsPath = rejects ?? path + ".rejects.csv" }, CancellationToken.None));

    private static ImportSummary Succeeded(Result<ImportSummary> result)
    {
        Assert.True(result.Succeeded, result.Error);
        return result.Value!;
    }

    private static Task<Incident> IncidentAsync(TestApp app, string id) =>
        app.WithDbAsync(db => db.Incidents.AsNoTracking().Include(i => i.Actors).SingleAsync(i => i.ExternalSource == "acled" && i.ExternalId == id));

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, string>[] CurrentScheme =
    [
        Row(),
        Row("event_id_cnty=CEN2", "event_date=31-Dec-21", "time_precision=2", "event_type=Explosions/Remote violence",
            "sub_event_type=Remote explosive/landmine/IED", "geo_precision=2", "latitude=4.5", "longitude=18.5", "location=", "admin3=Bimbo 1"),
        Row("event_id_cnty=CEN3", "event_date=9-May-20", "time_precision=3", "event_type=Violence against civilians", "sub_event_type=Attack",
            "actor2=Civilians (Central African Republic)", "inter2=7", "assoc_actor_1=", "geo_precision=3", "latitude=6.0", "longitude=20.5",
            "fatalities=2"),
        Row("event_id_cnty=CEN4", "event_date=2022-07-01", "event_type=Protests", "sub_event_type=Peaceful protest",
            "actor1=Protesters (Central African Republic)", "inter1=6", "assoc_actor_1=Students (Central African Republic); Teachers (Central African Republic)",
            "actor2=", "inter2=0", "fatalities=0"),
        Row("event_id_cnty=CEN5", "event_date=2022-07-02T00:00:00Z", "event_type=strategic developments", "sub_event_type=looting/property destruction"),
    ];

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Current_scheme_rows_in_every_date_format_import_once_and_re_import_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var files = new AcledFiles();
        var mission = await TestMission.CreateAsync(app);
        var path = files.Write("current.csv", CurrentScheme);

        var first = Succeeded(await ImportAsync(app, mission, path));

        Assert.Equal((5L, 5L, 0L, 0L, 0L), (first.Read, first.Inserted, first.Updated, first.Unchanged, first.Rejected));
        var province = await app.WithDbAsync(db => db.AdminAreas.SingleAsync(a => a.PCode == TestMission.Province));
        var clash = await IncidentAsync(app, "CEN1");
        Assert.Equal(("battles.armed-clash", Utc(2023, 2, 10), Utc(2023, 2, 10), DatePrecision.Day), (clash.CategoryCode, clash.OccurredFrom, clash.OccurredUntil, clash.OccurredPrecision));
        Assert.Equal((3, 3, 3, (int?)null), (clash.FatalitiesLow!.Value, clash.FatalitiesBest!.Value, clash.FatalitiesHigh!.Value, clash.CivilianFatalities));
        Assert.Equal((LocationPrecision.Exact, "Boali", province.Id), (clash.LocationPrecision!.Value, clash.PlaceName, clash.AreaId!.Value));
        Assert.Equal((IncidentSource.Imported, IncidentStatus.Verified, Confidence.Confirmed, false),
            (clash.Source, clash.Status, clash.Confidence, clash.DescriptionPublic));
        Assert.Contains("FACa and Wagner clashed with CPC", clash.Description);
        Assert.Contains("Sources: Corbeau News; Radio Ndeke Luka (National).", clash.Description);
        Assert.Equal(3, clash.Actors.Count);
        Assert.Contains(clash.Actors, a => a is { Side: 1, Name: "Military Forces of the Central African Republic (2016-)", Type: ActorType.StateForces });
        Assert.Contains(clash.Actors, a => a is { Side: 1, Name: "Wagner Group", Type: null });
        Assert.Contains(clash.Actors, a => a is { Side: 2, Name: "CPC: Coalition of Patriots for Change", Type: ActorType.RebelGroup });

        var bomb = await IncidentAsync(app, "CEN2");
        Assert.Equal(("explosions-remote-violence.remote-explosive-landmine-ied", Utc(2021, 12, 31), DatePrecision.Week, LocationPrecision.Near, "Bimbo 1"),
            (bomb.CategoryCode, bomb.OccurredFrom, bomb.OccurredPrecision, bomb.LocationPrecision!.Value, bomb.PlaceName));
        Assert.Equal(province.Id, bomb.AreaId);

        // geo_precision 3: the point (a provincial capital outside the test square) does not place it; admin1's name does.
        var attack = await IncidentAsync(app, "CEN3");
        Assert.Equal(("violence-against-civilians.attack", Utc(2020, 5, 9), DatePrecision.Month, LocationPrecision.Admin1, 2, province.Id),
            (attack.CategoryCode, attack.OccurredFrom, attack.OccurredPrecision, attack.LocationPrecision!.Value, attack.CivilianFatalities!.Value, attack.AreaId!.Value));
        Assert.Contains(attack.Actors, a => a is { Side: 2, Type: ActorType.Civilians });

        var protest = await IncidentAsync(app, "CEN4");
        Assert.Equal(("protests.peaceful-protest", Utc(2022, 7, 1), 0), (protest.CategoryCode, protest.OccurredFrom, protest.FatalitiesBest!.Value));
        Assert.Equal(["Protesters (Central African Republic)", "Students (Central African Republic)", "Teachers (Central African Republic)"],
            protest.Actors.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => a.Name));
        Assert.All(protest.Actors, a => Assert.Equal(1, a.Side));

        var looting = await IncidentAsync(app, "CEN5");
        Assert.Equal(("strategic-developments.looting-property-destruction", Utc(2022, 7, 2)), (looting.CategoryCode, looting.OccurredFrom));

        var again = Succeeded(await ImportAsync(app, mission, path));
        Assert.Equal((5L, 0L, 0L, 5L, 0L), (again.Read, again.Inserted, again.Updated, again.Unchanged, again.Rejected));

        var newer = CurrentScheme.Select(r => new Dictionary<string, string>(r)).ToArray();
        newer[0]["fatalities"] = "4";
        var changed = Succeeded(await ImportAsync(app, mission, files.Write("newer.csv", newer)));
        Assert.Equal((0L, 1L, 4L), (changed.Inserted, changed.Updated, changed.Unchanged));
        Assert.Equal((4, 2), ((await IncidentAsync(app, "CEN1")).FatalitiesBest!.Value, (await IncidentAsync(app, "CEN1")).Version));
        Assert.Equal(5, await app.WithDbAsync(db => db.Incidents.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_old_scheme_file_is_mapped_onto_the_current_scheme(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var files = new AcledFiles();
        var mission = await TestMission.CreateAsync(app);
        (string Id, string[] Changes, string Expected)[] cases =
        [
            ("OLD1", ["event_type=Battle-No change of territory", "event_date=15-Mar-98"], "battles.armed-clash"),
            ("OLD2", ["event_type=Battle-Government regains territory"], "battles.government-regains-territory"),
            ("OLD3", ["event_type=Battle-Non-state actor overtakes territory"], "battles.non-state-actor-overtakes-territory"),
            ("OLD4", ["event_type=Remote violence"], "explosions-remote-violence"),
            ("OLD5", ["event_type=Riots/Protests", "actor1=Rioters (Central African Republic)", "inter1=5", "actor2=", "inter2=0"], "riots"),
            ("OLD6", ["event_type=Riots/Protests", "actor1=Protesters (Central African Republic)", "inter1=6", "actor2=", "inter2=0"], "protests"),
            ("OLD7", ["event_type=Riots/Protests", "sub_event_type=Mob violence", "inter1=6"], "riots.mob-violence"),
            ("OLD8", ["event_type=Violence against civilians", "inter2=7"], "violence-against-civilians"),
            ("OLD9", ["event_type=Strategic development"], "strategic-developments"),
            ("OLD10", ["event_type=Headquarters or base established"], "strategic-developments.headquarters-or-base-established"),
            ("OLD11", ["event_type=Non-violent transfer of territory"], "strategic-developments.non-violent-transfer-of-territory"),
        ];
        var path = files.Write("old.csv", cases.Select(c => Row([$"event_id_cnty={c.Id}", "sub_event_type=", "event_date=12 June 2017", .. c.Changes])));

        var summary = Succeeded(await ImportAsync(app, mission, path));

        Assert.Equal((11L, 11L, 0L), (summary.Read, summary.Inserted, summary.Rejected));
        var codes = await app.WithDbAsync(db => db.Incidents.AsNoTracking().ToDictionaryAsync(i => i.ExternalId!, i => i.CategoryCode));
        Assert.All(cases, c => Assert.Equal(c.Expected, codes[c.Id]));
        var oldest = await IncidentAsync(app, "OLD1");
        Assert.Equal(Utc(1998, 3, 15), oldest.OccurredFrom);
        Assert.StartsWith("Battle-No change of territory (ACLED, pre-2019 event scheme).", oldest.Description);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_rows_are_rejected_with_their_line_and_reason_and_the_rest_is_imported(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var files = new AcledFiles();
        var mission = await TestMission.CreateAsync(app);
        Dictionary<string, string>[] rows =
        [
            Row("event_id_cnty=GOOD1"),
            Row("event_id_cnty=BAD2", "event_date=32 February 2023"),
            Row("event_id_cnty=BAD3", "event_type=Battle-Stalemate"),
            Row("event_id_cnty=BAD4", "sub_event_type=Drone swarm"),
            Row("event_id_cnty=GOOD2", "event_date=1-Jan-22"),
            Row("event_id_cnty=BAD5", "fatalities=many"),
            Row("event_id_cnty=BAD6", "inter1=9"),
            Row("event_id_cnty=BAD7", "event_date=2023-02-10", "latitude=95.2"),
            Row("event_id_cnty=GOOD1"),
        ];
        var rejectsPath = Path.Combine(Path.GetTempPath(), $"acled-rejects-{Guid.NewGuid():N}.csv");

        var summary = Succeeded(await ImportAsync(app, mission, files.Write("bad.csv", rows), rejectsPath));

        Assert.Equal((9L, 2L, 7L), (summary.Read, summary.Inserted, summary.Rejected));
        var rejects = File.ReadAllLines(rejectsPath);
        File.Delete(rejectsPath);
        Assert.Equal(8, rejects.Length);
        Assert.StartsWith("3,BAD2,", rejects[1]);
        Assert.Contains("event_date '32 February 2023' is not a date", rejects[1]);
        Assert.StartsWith("4,BAD3,", rejects[2]);
        Assert.Contains("event_type 'Battle-Stalemate' is neither an ACLED event type", rejects[2]);
        Assert.StartsWith("5,BAD4,", rejects[3]);
        Assert.Contains("sub_event_type 'Drone swarm' is not one of Battles'", rejects[3]);
        Assert.StartsWith("7,BAD5,", rejects[4]);
        Assert.Contains("fatalities 'many'", rejects[4]);
        Assert.StartsWith("8,BAD6,", rejects[5]);
        Assert.Contains("not an ACLED actor type", rejects[5]);
        Assert.StartsWith("9,BAD7,", rejects[6]);
        Assert.Contains("out of range", rejects[6]);
        Assert.StartsWith("10,GOOD1,", rejects[7]);
        Assert.Contains("already on line 2", rejects[7]);
        Assert.Equal(2, await app.WithDbAsync(db => db.Incidents.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_file_missing_a_column_is_refused_before_anything_is_written(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var files = new AcledFiles();
        var mission = await TestMission.CreateAsync(app);
        var columns = Columns.Where(c => c is not "fatalities" and not "geo_precision").ToList();

        var result = await ImportAsync(app, mission, files.Write("short.csv", [Row(), Row("event_id_cnty=CEN2")], columns));

        Assert.False(result.Succeeded);
        Assert.Contains("is not a ACLED CSV: it lacks the column(s) geo_precision, fatalities. Nothing was imported.", result.Error);
        Assert.Equal(0, await app.WithDbAsync(db => db.Incidents.CountAsync()));
    }
}
