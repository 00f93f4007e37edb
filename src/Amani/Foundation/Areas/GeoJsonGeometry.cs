using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Amani.Foundation.Areas;

/// <summary>
/// Reads GeoJSON (RFC 7946) Polygon and MultiPolygon geometries into NetTopologySuite with the GeoJSON4STJ reader, and
/// checks what an area's boundary needs beyond well-formed GeoJSON: one of those two types, not empty, every position
/// inside WGS84 longitude/latitude. Anything else is reported as an error value. <see cref="BoundaryGeometry"/> is the
/// forgiving variant for imported files, which also repairs.
/// </summary>
public static class GeoJsonGeometry
{
    /// <summary>The SRID of every geometry read (WGS84 longitude/latitude, as RFC 7946 requires).</summary>
    public const int Srid = 4326;

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), Srid);

    /// <summary>GeoJSON4STJ with Amani's geometry factory: for reading, and for writing geometries RFC 7946's way.</summary>
    public static JsonSerializerOptions Options { get; } = SerializerOptions(Factory);

    /// <summary>Serializer options that read GeoJSON geometries, features and properties with the given factory.</summary>
    internal static JsonSerializerOptions SerializerOptions(GeometryFactory factory)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(factory));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static bool TryRead(JsonElement geometry, out Geometry? result, out string error)
    {
        result = null;
        error = "";
        if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out var type) ||
            !geometry.TryGetProperty("coordinates", out _))
        {
            error = "A geometry is a GeoJSON object with 'type' and 'coordinates'.";
            return false;
        }
        var typeName = type.ValueKind == JsonValueKind.String ? type.GetString() : type.GetRawText();
        if (typeName is not ("Polygon" or "MultiPolygon"))
        {
            error = $"The geometry type '{typeName}' is not supported for areas; use Polygon or MultiPolygon.";
            return false;
        }
        Geometry? shape;
        try
        {
            shape = geometry.Deserialize<Geometry>(Options);
        }
        // What GeoJSON4STJ and NetTopologySuite throw for malformed coordinates (JsonException: not numbers or
        // not nested as the type requires; ArgumentException: a ring that is not closed or has fewer than 4 positions).
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            error = $"The coordinates are not a valid {typeName}: {ex.Message}";
            return false;
        }
        if (shape is null || shape.IsEmpty)
        {
            error = $"The {typeName} has no coordinates.";
            return false;
        }
        if (OutsideWgs84(shape) is { } outside)
        {
            error = $"The coordinates are not a valid {typeName}: position ({outside.X}, {outside.Y}) is outside WGS84 longitude/latitude";
            return false;
        }
        result = shape;
        return true;
    }

    /// <summary>The first position outside longitude −180…180 / latitude −90…90, if any.</summary>
    internal static Coordinate? OutsideWgs84(Geometry shape) =>
        shape.Coordinates.FirstOrDefault(c => c.X is < -180 or > 180 || c.Y is < -90 or > 90 || double.IsNaN(c.X) || double.IsNaN(c.Y));

    /// <summary>A point guaranteed to lie inside the area (for labels and fallbacks), as latitude/longitude.</summary>
    public static (double Latitude, double Longitude) LabelPoint(Geometry geometry)
    {
        var point = geometry.IsValid ? geometry.InteriorPoint : geometry.Centroid;
        return (Math.Round(point.Y, 6), Math.Round(point.X, 6));
    }
}
