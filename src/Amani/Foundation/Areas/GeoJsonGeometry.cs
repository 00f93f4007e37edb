using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Amani.Foundation.Areas;

/// <summary>
/// Reads GeoJSON (RFC 7946) Polygon and MultiPolygon geometries into NetTopologySuite. Written here because the
/// GeoJSON package for NetTopologySuite (GeoJSON4STJ) is not available to this project; it covers the two geometry
/// types that admin boundaries use and reports anything else as an error value.
/// </summary>
public static class GeoJsonGeometry
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static bool TryRead(JsonElement geometry, out Geometry? result, out string error)
    {
        result = null;
        error = "";
        if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out var type) ||
            !geometry.TryGetProperty("coordinates", out var coordinates))
        {
            error = "A geometry is a GeoJSON object with 'type' and 'coordinates'.";
            return false;
        }
        try
        {
            result = type.GetString() switch
            {
                "Polygon" => ReadPolygon(coordinates),
                "MultiPolygon" => Factory.CreateMultiPolygon(coordinates.EnumerateArray().Select(ReadPolygon).ToArray()),
                var other => null,
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            error = $"The coordinates are not a valid {type.GetString()}: {ex.Message}";
            return false;
        }
        if (result is null)
            error = $"The geometry type '{type}' is not supported for areas; use Polygon or MultiPolygon.";
        return result is not null;
    }

    private static Polygon ReadPolygon(JsonElement rings)
    {
        var linear = rings.EnumerateArray().Select(ring => Factory.CreateLinearRing(ring.EnumerateArray().Select(ReadPosition).ToArray())).ToArray();
        if (linear.Length == 0)
            throw new ArgumentException("a polygon needs at least one ring");
        return Factory.CreatePolygon(linear[0], linear[1..]);
    }

    private static Coordinate ReadPosition(JsonElement position)
    {
        var longitude = position[0].GetDouble();
        var latitude = position[1].GetDouble();
        if (longitude is < -180 or > 180 || latitude is < -90 or > 90)
            throw new ArgumentException($"position ({longitude}, {latitude}) is outside WGS84 longitude/latitude");
        return new Coordinate(longitude, latitude);
    }

    /// <summary>A point guaranteed to lie inside the area (for labels and fallbacks), as latitude/longitude.</summary>
    public static (double Latitude, double Longitude) LabelPoint(Geometry geometry)
    {
        var point = geometry.IsValid ? geometry.InteriorPoint : geometry.Centroid;
        return (Math.Round(point.Y, 6), Math.Round(point.X, 6));
    }
}
