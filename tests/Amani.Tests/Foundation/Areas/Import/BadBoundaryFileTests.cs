using System.Text;
using System.Text.Json;
using Amani.Foundation.Areas;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Records;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Xunit;
using static Amani.Tests.Foundation.Areas.Import.ImportWorld;

namespace Amani.Tests.Foundation.Areas.Import;

/// <summary>The GeoJSON rows of the issue's "Bad input": refused files, rejected features, repaired polygons.</summary>
public sealed class BadBoundaryFileTests
{
    private const string Square = """{"type":"Polygon","coordinates":[[[18,4],[19,4],[19,5],[18,5],[18,4]]]}""";
    private const string BowTie = """{"type":"Polygon","coordinates":[[[20,4],[21,5],[21,4],[20,5],[20,4]]]}""";
    private const string Unclosed = """{"type":"Polygon","coordinates":[[[22,4],[23,4],[23,5],[22,5]]]}""";
    private const string Point = """{"type":"Point","coordinates":[18.5,4.5]}""";
    private const string OffTheGlobe = """{"type":"Polygon","coordinates":[[[200,4],[201,4],[201,5],[200,4]]]}""";
    private const string Flat = """{"type":"Polygon","coordinates":[[[18,4],[19,4],[20,4],[18,4]]]}""";

    private static readonly (string Content, string Message)[] Refusals =
    [
        (Feature("CF.AA", "Alone", Square), "a GeoJSON Feature, not a FeatureCollection"),
        (Square, "a GeoJSON Polygon, not a FeatureCollection"),
        ("[1,2]", "not a GeoJSON object"),
        (Collection(Feature("CF.AA", "Cut", Square))[..60], "not valid JSON"),
        ("""{"type":"FeatureCollection","features":[]}""", "has no features"),
    ];

    /// <summary>Every refused file on both databases.</summary>
    public static TheoryData<DatabaseProvider, string, string> RefusedFiles
    {
        get
        {
            var data = new TheoryData<DatabaseProvider, string, string>();
            foreach (var provider in Providers.Both)
                foreach (var (content, message) in Refusals)
                    data.Add(provider, content, message);
            return data;
        }
    }

    [Theory, MemberData(nameof(RefusedFiles))]
    public async Task A_file_that_is_not_a_FeatureCollection_is_refused_and_nothing_is_written(DatabaseProvider provider, string content, string message)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await CreateMissionAsync(app);

        var result = await ImportAsync(app, mission, Utf8(content), 1);

        Assert.Equal(RefusalKind.Invalid, result.Refusal?.Kind);
        Assert.Equal("file", result.Refusal!.Field);
        Assert.Contains(message, result.Refusal.Message);
        Assert.Contains("Nothing was written", result.Refusal.Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.AdminAreas.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == AuditCodes.AreasImported)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_features_are_rejected_with_their_index_and_invalid_polygons_repaired(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await CreateMissionAsync(app);
        var file = Collection(
            Feature("CF.AA", "Good", Square),          // 0
            Feature("CF.BT", "Bow-tie", BowTie),       // 1 repaired
            Feature("CF.UC", "Unclosed", Unclosed),    // 2 repaired
            Feature("CF.PT", "Point", Point),          // 3 rejected
            Feature("CF.NG", "No geometry", null),     // 4 rejected
            Feature("CF.OG", "Off the globe", OffTheGlobe), // 5 rejected
            Feature("CF.AA", "Twice", Square),         // 6 rejected: duplicate P-code
            Feature("CF.FL", "Flat", Flat),            // 7 rejected: no area, cannot be repaired
            """{"type":"Feature","properties":{"name":"No code"},"geometry":""" + Square + "}"); // 8 rejected

        var summary = (await ImportAsync(app, mission, Utf8(file), 1)).Value!;

        Assert.Equal((9, 3, 0, 0, 6, 2), (summary.Read, summary.Inserted, summary.Updated, summary.Unchanged, summary.Rejected, summary.Repaired));
        var rejected = summary.Issues.Where(i => i.Outcome == AreaImportIssue.Rejected).ToDictionary(i => i.Feature, i => i.Reason);
        Assert.Equal([3, 4, 5, 6, 7, 8], rejected.Keys.Order());
        Assert.Contains("'Point' is not supported", rejected[3]);
        Assert.Contains("no geometry", rejected[4]);
        Assert.Contains("outside WGS84", rejected[5]);
        Assert.Contains("already used by features[0]", rejected[6]);
        Assert.Contains("could not be repaired", rejected[7]);
        Assert.Contains("no P-code", rejected[8]);
        var repaired = summary.Issues.Where(i => i.Outcome == AreaImportIssue.Repaired).ToDictionary(i => i.Feature, i => i.Reason);
        Assert.Contains("self-intersection", repaired[1]);
        Assert.Contains("closed 1 unclosed ring", repaired[2]);
        Assert.Equal("features[3] (CF.PT) rejected: its geometry type 'Point' is not supported for areas; use Polygon or MultiPolygon.",
            summary.Issues.Single(i => i.Feature == 3).ToString());

        // The bow-tie is stored as its two valid triangles.
        var stored = await app.WithDbAsync(db => db.AdminAreas.AsNoTracking().SingleAsync(a => a.PCode == "CF.BT"));
        using var json = JsonDocument.Parse(stored.GeometryGeoJson!);
        var shape = BoundaryGeometry.Read(json.RootElement);
        Assert.Null(shape.Repair);
        Assert.True(shape.Shape!.IsValid);
        Assert.IsType<MultiPolygon>(shape.Shape);
        Assert.Equal(0.5, shape.Shape.Area, 6);

        // Re-importing the same file repairs the same way: nothing changes.
        var again = (await ImportAsync(app, mission, Utf8(file), 1)).Value!;
        Assert.Equal((0, 0, 3, 6), (again.Inserted, again.Updated, again.Unchanged, again.Rejected));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Utf8_with_a_bom_is_read_and_latin1_is_refused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await CreateMissionAsync(app);
        var file = Collection(Feature("CF.KG", "Kémo", Square));

        var withBom = await ImportAsync(app, mission, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(file)], 1);
        var latin1 = await ImportAsync(app, mission, Encoding.Latin1.GetBytes(file.Replace("CF.KG", "CF.KL")), 1);

        Assert.Equal(1, withBom.Value!.Inserted);
        Assert.Equal("Kémo", await app.WithDbAsync(db => db.AdminAreas.Where(a => a.PCode == "CF.KG").Select(a => a.Name).SingleAsync()));
        Assert.False(latin1.Succeeded);
        Assert.Contains("not UTF-8", latin1.Refusal!.Message);
        Assert.False(await app.WithDbAsync(db => db.AdminAreas.AnyAsync(a => a.PCode == "CF.KL")));
    }
}
