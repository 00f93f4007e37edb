namespace Amani.Analysis.Dashboard;

/// <summary>Web Mercator (EPSG:3857) as the map's tiles use it, normalised to [0, 1]: x eastwards from 180° W, y southwards from ~85° N.</summary>
internal static class WebMercator
{
    public const double MaxLatitude = 85.05112878;

    public static double X(double longitude) => Math.Clamp((longitude + 180) / 360, 0, 1);

    public static double Y(double latitude)
    {
        var phi = Math.Clamp(latitude, -MaxLatitude, MaxLatitude) * Math.PI / 180;
        return Math.Clamp((1 - Math.Log(Math.Tan(phi) + 1 / Math.Cos(phi)) / Math.PI) / 2, 0, 1);
    }

    public static double Longitude(double x) => x * 360 - 180;

    public static double Latitude(double y) => Math.Atan(Math.Sinh(Math.PI * (1 - 2 * y))) * 180 / Math.PI;
}
