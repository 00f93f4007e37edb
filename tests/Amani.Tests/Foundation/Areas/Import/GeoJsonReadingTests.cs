using System.Text;
using System.Text.Json;
using Amani.Foundation.Areas;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using Xunit;

namespace Amani.Tests.Foundation.Areas.Import;

/// <summary>The GeoJSON4STJ-based readers and writer without a server: properties, strict and forgiving geometry reading.</summary>
public sealed class GeoJsonReadingTests
{
    private const string Square = """{"type":"Polygon","coordinates":[[[18,4],[19,4],[19,5],[18,5],[18,4]]]}""";

    [Fact]
    public async Task Numeric_properties_arrive_as_decimals_and_are_read_as_their_text()
    {
        var file = $$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"ADM1_PCODE":140,"name":" Ouham ","name_fr":1.50},"geometry":{{Square}}}]}""";
        var parsed = await AreaFeatures.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(file)), CancellationToken.None);
        using var document = parsed.Value!;

        var feature = Assert.Single(AreaFeatures.Read(document, new AreaImportOptions(1)));

        Assert.Null(feature.Error);
        Assert.Equal(("140", "Ouham", "1.50"), (feature.PCode, feature.Name, feature.AlternativeNames));
    }

    [Fact]
    public void The_strict_reader_accepts_a_polygon_and_refuses_other_types_open_rings_and_positions_off_the_globe()
    {
        Assert.True(GeoJsonGeometry.TryRead(Parse(Square), out var shape, out _));
        Assert.Equal(1.0, shape!.Area, 9);
        Assert.Equal(4326, shape.SRID);

        Assert.False(GeoJsonGeometry.TryRead(Parse("""{"type":"Point","coordinates":[18,4]}"""), out _, out var point));
        Assert.Contains("'Point' is not supported", point);
        Assert.False(GeoJsonGeometry.TryRead(Parse("""{"type":"Polygon","coordinates":[[[18,4],[19,4],[19,5],[18,5]]]}"""), out _, out var open));
        Assert.Contains("not a valid Polygon", open);
        Assert.False(GeoJsonGeometry.TryRead(Parse("""{"type":"Polygon","coordinates":[[[200,4],[201,4],[201,5],[200,4]]]}"""), out _, out var off));
        Assert.Contains("outside WGS84", off);
        Assert.False(GeoJsonGeometry.TryRead(Parse("""{"type":"Polygon","coordinates":[[["a","b"]]]}"""), out _, out var text));
        Assert.Contains("not a valid Polygon", text);
    }

    [Fact]
    public void A_repaired_boundary_is_written_as_RFC_7946_asks_and_reads_back_unchanged()
    {
        var reading = BoundaryGeometry.Read(Parse("""{"type":"Polygon","coordinates":[[[20,4],[21,5],[21,4],[20,5],[20,4]]]}"""));

        Assert.Contains("self-intersection", reading.Repair);
        var written = Parse(reading.Json!);
        Assert.Equal("MultiPolygon", written.GetProperty("type").GetString());
        Assert.True(GeoJsonGeometry.TryRead(written, out var back, out _));
        foreach (var polygon in Enumerable.Range(0, back!.NumGeometries).Select(back.GetGeometryN).Cast<Polygon>())
            Assert.True(Orientation.IsCCW(polygon.Shell.CoordinateSequence)); // exterior rings counter-clockwise
        Assert.True(back.EqualsTopologically(reading.Shape));
        Assert.Null(BoundaryGeometry.Read(written).Repair);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
