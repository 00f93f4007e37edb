using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;
using NetTopologySuite.Precision;

namespace Amani.Foundation.Areas;

/// <summary>
/// Reads the boundary of an imported feature with the GeoJSON4STJ reader, more forgivingly than
/// <see cref="GeoJsonGeometry.TryRead"/>: unclosed rings are closed (by the reader's geometry factory) and invalid
/// polygons (self-intersections, e.g. a bow-tie) are repaired with NetTopologySuite's <see cref="GeometryFixer"/> when
/// that keeps a non-empty polygon. What was repaired is said; what cannot be is an error.
/// </summary>
public static class BoundaryGeometry
{
    /// <summary>The repaired geometry is stored with 7 decimals (about 1 cm), as before.</summary>
    private static readonly PrecisionModel Stored = new(1e7);

    private static readonly GeometryFactory Plain = new(new PrecisionModel(), GeoJsonGeometry.Srid);

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

        // One factory (and so one set of serializer options) per reading: it counts the rings it closed.
        var factory = new RingClosingFactory();
        Geometry? shape;
        try
        {
            shape = geometry.Deserialize<Geometry>(GeoJsonGeometry.SerializerOptions(factory));
        }
        // What GeoJSON4STJ throws for positions that are not [longitude, latitude] or nested wrongly for the type, and
        // what the factory throws for a ring that cannot be closed into one.
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return Reading.Refused($"its {type} coordinates cannot be read: {ex.Message.TrimEnd('.')}.");
        }
        if (shape is null || shape.IsEmpty)
            return Reading.Refused($"its {type} has no polygons.");
        shape = Plain.CreateGeometry(shape); // geometry operations (the repair below, and later ones) build with the plain factory
        if (GeoJsonGeometry.OutsideWgs84(shape) is { } outside)
            return Reading.Refused($"the position ({Format(outside.X)}, {Format(outside.Y)}) is outside WGS84 longitude −180…180 / latitude −90…90.");

        var repairs = new List<string>();
        if (factory.Closed > 0)
            repairs.Add($"closed {factory.Closed} unclosed ring(s)");
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

    /// <summary>
    /// The geometry factory the reader builds rings with: a ring whose last position is not its first is closed and
    /// counted; one with fewer than 3 distinct positions is refused with a message a person can act on.
    /// </summary>
    private sealed class RingClosingFactory() : GeometryFactory(new PrecisionModel(), GeoJsonGeometry.Srid)
    {
        public int Closed { get; private set; }

        public override LinearRing CreateLinearRing(CoordinateSequence coordinates)
        {
            var positions = coordinates.ToCoordinateArray();
            if (positions.Length == 0)
                return base.CreateLinearRing(coordinates);
            if (positions.Distinct().Count() < 3)
                throw new ArgumentException("a ring has fewer than 3 distinct positions");
            if (positions[0].Equals2D(positions[^1]))
                return base.CreateLinearRing(coordinates);
            Closed++;
            return base.CreateLinearRing([.. positions, positions[0].Copy()]);
        }
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
            _ => geometry.Factory.CreateMultiPolygon(polygons),
        };
    }

    private static string Describe(TopologyValidationError error) =>
        error.Coordinate is { } at ? $"{error.Message.ToLowerInvariant()} at ({Format(at.X)}, {Format(at.Y)})" : error.Message.ToLowerInvariant();

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>
    /// A Polygon or MultiPolygon as a GeoJSON geometry object, by GeoJSON4STJ's writer (rings oriented as RFC 7946 asks:
    /// exterior counter-clockwise), positions rounded to 7 decimals.
    /// </summary>
    public static string Write(Geometry shape) =>
        JsonSerializer.Serialize(GeometryPrecisionReducer.ReducePointwise(shape, Stored), GeoJsonGeometry.Options);
}
