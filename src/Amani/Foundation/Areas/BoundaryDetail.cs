using NetTopologySuite.Geometries;
using NetTopologySuite.Precision;
using NetTopologySuite.Simplify;

namespace Amani.Foundation.Areas;

/// <summary>
/// How detailed a served boundary is: a band of map zooms, simplified to about one screen pixel at the band's largest
/// zoom (a web-map pixel at the equator is 360° / (256 × 2^zoom)) and rounded to as many decimals as that pixel needs.
/// <see cref="Full"/> is the stored geometry, unchanged (exports and point-in-area always use the stored geometry).
/// A map asks for <see cref="ForZoom"/> of its zoom: less than 6 → coarse, 6 to 8 → medium, 9 and more → fine (drawn up
/// to about two pixels off at a band's smallest zoom, more beyond zoom 11).
/// </summary>
public sealed record BoundaryDetail(string Name, int Zoom, int Decimals)
{
    public static BoundaryDetail Coarse { get; } = new("coarse", 5, 3);
    public static BoundaryDetail Medium { get; } = new("medium", 8, 4);
    public static BoundaryDetail Fine { get; } = new("fine", 11, 5);
    /// <summary>The stored geometry, as imported (7 decimals at most when it was repaired).</summary>
    public static BoundaryDetail Full { get; } = new("full", int.MaxValue, 7);

    public static IReadOnlyList<BoundaryDetail> All { get; } = [Coarse, Medium, Fine, Full];

    public static string Names => string.Join(", ", All.Select(d => d.Name));

    /// <summary>The detail named (case-insensitive), or null.</summary>
    public static BoundaryDetail? Parse(string? name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static BoundaryDetail ForZoom(double zoom) => zoom < 6 ? Coarse : zoom < 9 ? Medium : Fine;

    /// <summary>The simplification tolerance in degrees: one pixel at <see cref="Zoom"/>.</summary>
    public double Tolerance => 360.0 / (256 * Math.Pow(2, Zoom));

    /// <summary>
    /// The boundary at this detail: NetTopologySuite's <see cref="TopologyPreservingSimplifier"/> (no ring collapses or
    /// crosses another, so an area never vanishes), then positions rounded to <see cref="Decimals"/> by
    /// <see cref="GeometryPrecisionReducer"/>, which keeps the result valid. Should rounding leave nothing or an invalid
    /// geometry, the simplified one is kept unrounded.
    /// </summary>
    public Geometry Simplify(Geometry shape)
    {
        if (this == Full)
            return shape;
        var simplified = TopologyPreservingSimplifier.Simplify(shape, Tolerance);
        Geometry rounded;
        try
        {
            rounded = GeometryPrecisionReducer.Reduce(simplified, new PrecisionModel(Math.Pow(10, Decimals)));
        }
        catch (ArgumentException) // the reducer refuses a result it cannot make valid
        {
            return simplified;
        }
        return rounded is (Polygon or MultiPolygon) and { IsEmpty: false, IsValid: true } ? rounded : simplified;
    }
}
