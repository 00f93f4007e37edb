using System.Globalization;
using Amani.Foundation.Areas.Geo;

namespace Amani.Analysis.Aggregates;

/// <summary>
/// A unit of analysis as the API shows it: an admin area (<see cref="Code"/> its P-code) or a PRIO-GRID cell
/// (<see cref="Code"/> its gid), with a point to put it on a map (the area's label point, the cell's centre).
/// </summary>
public sealed record AnalysisUnit(string Kind, string Code, string Name, int? Level, double? Latitude, double? Longitude)
{
    public const string AreaKind = "area", CellKind = "cell";

    public static AnalysisUnit Area(string pCode, string name, int level, double? latitude, double? longitude) =>
        new(AreaKind, pCode, name, level, latitude, longitude);

    public static AnalysisUnit Cell(int gid)
    {
        var (latitude, longitude) = PrioGrid.CentreOf(gid);
        return new AnalysisUnit(CellKind, gid.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"PRIO-GRID {gid} ({Math.Abs(latitude):0.00}°{(latitude >= 0 ? 'N' : 'S')}, {Math.Abs(longitude):0.00}°{(longitude >= 0 ? 'E' : 'W')})"),
            null, latitude, longitude);
    }
}
