using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Imports;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Foundation.Areas;

namespace Amani.Tests.Register.Imports;

public sealed class GedImportTests
{
    private static Task<Result<ImportSummary>> ImportAsync(TestApp app, Mission mission, string path, string? rejects = null) =>
        app.WithScopeAsync(services => services.GetRequiredService<IncidentImporter>().ImportAsync(mission, new GedMapper(), path,
            new ImportOptions { BatchSize = 500, RejectsPath = rejects ?? path + ".rejects.csv" }, CancellationToken.None));

    private static ImportSummary Succeeded(Result<ImportSummary> result)
    {
        Assert.True(result.Succeeded, result.Error);
        return result.Value!;
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_real_CAR_file_imports_once_and_re_imports_update_only_what_changed(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var files = new GedFiles();
        var mission = await TestMission.CreateAsync(app);
        var copy = files.Write("car.csv", GedFiles.CarLines());

        var first = Succeeded(await ImportAsync(app, mission, copy));

        Assert.Equal((1848L, 1848L, 0L, 0L, 0L), (first.Read, first.Inserted, first.Updated, first.Unchanged, first.Rejected));
        var (incident, province) = await app.WithDbAsync(async db => (
            await db.Incidents.AsNoTracking().Include(i => i.Actors).SingleAsync(i => i.ExternalSource == "ucdp-ged" && i.ExternalId == "36210"),
            await db.AdminAreas.SingleAsync(a => a.PCode == TestMission.Province)));
        Assert.Equal((3, 3, 3, 0), (incident.FatalitiesLow!.Value, incident.FatalitiesBest!.Value, incident.FatalitiesHigh!.Value, incident.CivilianFatalities!.Value));
        Assert.Equal((DatePrecision.Day, LocationPrecision.Region, "battles.armed-clash"), (incident.OccurredPrecision, incident.LocationPrecision, incident.CategoryCode));
        Assert.Equal(new DateTime(2009, 2, 20, 0, 0, 0, DateTimeKind.Utc), incident.OccurredFrom);
        Assert.Equal((IncidentSource.Imported, IncidentStatus.Verified, Confidentiality.Public, Confidence.Confirmed),
            (incident.Source, incident.Status, incident.Confidentiality, incident.Confidence));
        Assert.Contains(incident.Actors, a => a is { Side: 1, Name: "Government of Uganda", Type: ActorType.StateForces });
        Assert.Contains(incident.Actors, a => a is { Side: 2, Name: "LRA", Type: ActorType.RebelGroup });
        var square = (await app.WithDbAsync(db => db.Incidents.AsNoTracking()
                .Where(i => i.Latitude > 4.001 && i.Latitude < 4.999 && i.Longitude > 18.001 && i.Longitude < 18.999)
                .Select(i => new { i.LocationPrecision, i.AreaId }).ToListAsync()))
            .Where(i => i.LocationPrecision <= LocationPrecision.Admin2).ToList();
        Assert.True(square.Count > 10, $"only {square.Count} events in the test province");
        Assert.All(square, i => Assert.Equal(province.Id, i.AreaId));
        // One audit row per committed batch (1,848 rows in batches of 500), none per event.
        Assert.Equal(4, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == AuditCodes.IncidentsImported)));

        var again = Succeeded(await ImportAsync(app, mission, copy));
        Assert.Equal((0L, 0L, 1848L), (again.Inserted, again.Updated, again.Unchanged));

        var lines = GedFiles.CarLines();
        lines[1] = lines[1].Replace("3,3,3,500,", "5,7,2,500," /* best, high, low */, StringComparison.Ordinal);
        var changed = Succeeded(await ImportAsync(app, mission, files.Write("car-newer.csv", lines)));
        Assert.Equal((0L, 1L, 1847L), (changed.Inserted, changed.Updated, changed.Unchanged));
        var updated = await app.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.ExternalId == "36210"));
        Assert.Equal((2, 5, 7, 2), (updated.FatalitiesLow!.Value, updated.FatalitiesBest!.Value, updated.FatalitiesHigh!.Value, updated.Version));
        Assert.Equal(1848, await app.WithDbAsync(db => db.Incidents.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_Syria_19_1_column_set_is_recognised(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var files = new GedFiles();
        var mission = await app.WithScopeAsync(async services => (await services.GetRequiredService<MissionRules>()
            .CreateAsync(new CreateMissionRequest("SYRIA", "Syria", "SYR", null), CancellationToken.None)).Value!);
        var slice = files.Write("syria.csv", File.ReadLines(GedFiles.Syria).Take(500));

        var summary = Succeeded(await ImportAsync(app, mission, slice));

        Assert.Equal(0, summary.Rejected);
        Assert.Equal(summary.Read, summary.Inserted);
        Assert.True(summary.Read >= 450, $"{summary.Read} rows");
        var first = await app.WithDbAsync(db => db.Incidents.AsNoTracking().Include(i => i.Actors).SingleAsync(i => i.ExternalId == "214797"));
        Assert.Equal((4, LocationPrecision.Exact, "Teir Maaleh village"), (first.FatalitiesBest!.Value, first.LocationPrecision!.Value, first.PlaceName));
        Assert.Equal(new DateTime(2016, 1, 1, 0, 0, 0, DateTimeKind.Utc), first.OccurredFrom);
        Assert.Contains(first.Actors, a => a is { Side: 1, Name: "Government of Syria", Type: ActorType.StateForces });
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_file_without_the_required_columns_is_refused_before_anything_is_written(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var files = new GedFiles();
        var mission = await TestMission.CreateAsync(app);
        var lines = GedFiles.CarLines();
        lines[0] = lines[0].Replace(",best,", ",best_estimate,", StringComparison.Ordinal).Replace(",date_start,", ",start,", StringComparison.Ordinal);

        var result = await ImportAsync(app, mission, files.Write("renamed.csv", lines));

        Assert.False(result.Succeeded);
        Assert.Contains("lacks the column(s) date_start, best", result.Error);
        Assert.Equal(0, await app.WithDbAsync(db => db.Incidents.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_rows_are_rejected_with_their_line_and_reason_and_the_rest_is_imported(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var files = new GedFiles();
        var mission = await TestMission.CreateAsync(app);
        var car = GedFiles.CarLines();
        var good = car[1]; // 36210, one physical line
        string[] lines =
        [
            car[0],
            good,
            car[2].Replace("2009-08-07T00:00:00", "2009-13-45T00:00:00", StringComparison.Ordinal),
            "99999001" + good["36210".Length..].Replace("5.399784,26.486881", "95.399784,26.486881", StringComparison.Ordinal),
            good,
            "99999002" + good["36210".Length..],
            "99999003,0,2009",
        ];
        var rejectsPath = Path.Combine(Path.GetTempPath(), $"rejects-{Guid.NewGuid():N}.csv");

        var summary = Succeeded(await ImportAsync(app, mission, files.Write("bad.csv", lines), rejectsPath));

        Assert.Equal((6L, 2L, 4L), (summary.Read, summary.Inserted, summary.Rejected));
        var rejects = File.ReadAllLines(rejectsPath);
        File.Delete(rejectsPath);
        Assert.Equal("line,external_id,reason", rejects[0]);
        Assert.StartsWith("3,36211,", rejects[1]);
        Assert.Contains("is not a date", rejects[1]);
        Assert.StartsWith("4,99999001,", rejects[2]);
        Assert.Contains("out of range", rejects[2]);
        Assert.StartsWith("5,36210,", rejects[3]);
        Assert.Contains("already on line 2", rejects[3]);
        Assert.StartsWith("7,99999003,", rejects[4]);
        Assert.Contains("fields where the header has 48", rejects[4]);
        Assert.Equal(2, await app.WithDbAsync(db => db.Incidents.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_Latin_1_file_is_detected_and_decoded(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var files = new GedFiles();
        var mission = await TestMission.CreateAsync(app);
        var car = GedFiles.CarLines();
        var path = files.Write("latin1.csv", []);
        File.WriteAllLines(path, [car[0], car[1].Replace("LRA", "Armée LRA", StringComparison.Ordinal)], System.Text.Encoding.Latin1);

        var summary = Succeeded(await ImportAsync(app, mission, path));

        Assert.Equal(("iso-8859-1", 1L), (summary.Encoding, summary.Inserted));
        Assert.True(await app.WithDbAsync(db => db.Set<IncidentActor>().AnyAsync(a => a.Name == "Armée LRA")));
    }
}
