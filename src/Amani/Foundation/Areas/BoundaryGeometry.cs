using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace Amani.Foundation.Areas;

/// <summary>
/// Reads the boundary of an imported feature, more forgivingly than <see cref="GeoJsonGeometry.TryRead"/>: unclosed
/// rings are closed and invalid polygons (self-intersections, e.g. a bow-tie) are repaired with NetTopologySuite's
/// <see cref="GeometryFixer"/> when that keeps a non-empty polygon. What was repaired is said; what cannot be is an error.
/// </summary>
public static class BoundaryGeometry
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>
    /// The boundary read from a feature. <see cref="Json"/> is the geometry as it is stored: the file's own text when it
    /// was valid, else the repaired geometry. <see cref="Repair"/> says what was repaired, <see cref="Error"/> why the
    /// feature is refused.
    /// </summary>
    public sealed record Reading(Geometry? Shape, string? Json, string? Repair, string? Error)
    {
        public static Reading Refused(string error) => new(null, null, null, error);
    }

    public static Reading Read(JsonElement geometry)
    {
        if (geometry.ValueKind != JsonValueKind.Object)
            return Reading.Refused("it has no geometry.");
        var type = geometry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type is not ("Polygon" or "MultiPolygon"))
            return Reading.Refused($"its geometry type '{type ?? "(none)"}' is not supported for areas; use Polygon or MultiPolygon.");
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
            return Reading.Refused($"its {type} has no 'coordinates' array.");

        var closed = new List<string>();
        var polygons = new List<Polygon>();
        var sources = type == "Polygon" ? [coordinates] : coordinates.EnumerateArray().ToArray();
        foreach (var source in sources)
        {
            var (polygon, error) = ReadPolygon(source, closed);
            if (error is not null)
                return Reading.Refused(error);
            polygons.Add(polygon!);
        }
        if (polygons.Count == 0)
            return Reading.Refused($"its {type} has no polygons.");
        Geometry shape = type == "Polygon" ? polygons[0] : Factory.CreateMultiPolygon([.. polygons]);

        var repairs = new List<string>();
        if (closed.Count > 0)
            repairs.Add($"closed {closed.Count} unclosed ring(s)");
        if (new IsValidOp(shape).ValidationError is { } invalid)
        {
            var fixedShape = Polygonal(GeometryFixer.Fix(shape));
            if (fixedShape is null || fixedShape.IsEmpty || !fixedShape.IsValid)
                return Reading.Refused($"its {type} is invalid ({Describe(invalid)}) and could not be repaired into a non-empty polygon.");
            repairs.Add($"fixed an invalid {type} ({Describe(invalid)})");
            shape = fixedShape;
        }
        if (shape.Area <= 0)
            return Reading.Refused($"its {type} has no area.");
        return repairs.Count == 0
            ? new Reading(shape, geometry.GetRawText(), null, null)
            : new Reading(shape, Write(shape), string.Join("; ", repairs), null);
    }

    private static (Polygon? Polygon, string? Error) ReadPolygon(JsonElement rings, List<string> closed)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
            return (null, "a polygon has no rings.");
        var linear = new List<LinearRing>();
        foreach (var ring in rings.EnumerateArray())
        {
            if (ring.ValueKind != JsonValueKind.Array)
                return (null, "a ring is not an array of positions.");
            var positions = new List<Coordinate>();
            foreach (var position in ring.EnumerateArray())
            {
                if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2 ||
                    position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number ||
                    !position[0].TryGetDouble(out var longitude) || !position[1].TryGetDouble(out var latitude))
                    return (null, $"the position {Shorten(position.GetRawText())} is not [longitude, latitude].");
                if (longitude is < -180 or > 180 || latitude is < -90 or > 90)
                    return (null, $"the position ({Format(longitude)}, {Format(latitude)}) is outside WGS84 longitude −180…180 / latitude −90…90.");
                positions.Add(new Coordinate(longitude, latitude));
            }
            if (positions.Distinct().Count() < 3)
                return (null, "a ring has fewer than 3 distinct positions.");
            if (!positions[0].Equals2D(positions[^1]))
            {
                positions.Add(positions[0].Copy());
                closed.Add("ring");
            }
            linear.Add(Factory.CreateLinearRing([.. positions]));
        }
        return (Factory.CreatePolygon(linear[0], [.. linear.Skip(1)]), null);
    }

    /// <summary>The polygonal part of a repair result (a fix can return a collection holding lines or points too).</summary>
    private static Geometry? Polygonal(Geometry geometry)
    {
        var polygons = Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN)
            .SelectMany(g => g is MultiPolygon multi ? Enumerable.Range(0, multi.NumGeometries).Select(multi.GetGeometryN) : [g])
            .OfType<Polygon>().Where(p => !p.IsEmpty).ToArray();
        return polygons.Length switch
        {
            0 => null,
            1 => polygons[0],
            _ => Factory.CreateMultiPolygon(polygons),
        };
    }

    private static string Describe(TopologyValidationError error) =>
        error.Coordinate is { } at ? $"{error.Message.ToLowerInvariant()} at ({Format(at.X)}, {Format(at.Y)})" : error.Message.ToLowerInvariant();

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>A Polygon or MultiPolygon as a GeoJSON geometry object.</summary>
    public static string Write(Geometry shape)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", shape is MultiPolygon ? "MultiPolygon" : "Polygon");
            json.WritePropertyName("coordinates");
            if (shape is MultiPolygon multi)
            {
                json.WriteStartArray();
                for (var i = 0; i < multi.NumGeometries; i++)
                    WritePolygon(json, (Polygon)multi.GetGeometryN(i));
                json.WriteEndArray();
            }
            else
                WritePolygon(json, (Polygon)shape);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WritePolygon(Utf8JsonWriter json, Polygon polygon)
    {
        json.WriteStartArray();
        foreach (var ring in new[] { polygon.Shell }.Concat(polygon.Holes))
        {
            json.WriteStartArray();
            foreach (var c in ring.Coordinates)
            {
                json.WriteStartArray();
                json.WriteNumberValue(Math.Round(c.X, 7));
                json.WriteNumberValue(Math.Round(c.Y, 7));
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }
}
