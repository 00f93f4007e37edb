namespace Amani.Foundation.Areas.Geo;

/// <summary>
/// PRIO-GRID cells: a 0.5° global grid. <c>gid = (row − 1)·720 + col</c>, <c>row = ⌊(lat + 90)/0.5⌋ + 1</c>,
/// <c>col = ⌊(lon + 180)/0.5⌋ + 1</c> (Tollefsen, Strand and Buhaug 2012). Latitude 90 and longitude 180 belong to
/// the last row and column.
/// </summary>
public static class PrioGrid
{
    public const int Columns = 720;
    public const int Rows = 360;

    public static int CellOf(double latitude, double longitude)
    {
        if (latitude is < -90 or > 90 || double.IsNaN(latitude))
            throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "Latitude must be within −90…90.");
        if (longitude is < -180 or > 180 || double.IsNaN(longitude))
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "Longitude must be within −180…180.");
        var row = Math.Min((int)Math.Floor((latitude + 90) / 0.5) + 1, Rows);
        var column = Math.Min((int)Math.Floor((longitude + 180) / 0.5) + 1, Columns);
        return (row - 1) * Columns + column;
    }

    /// <summary>The centre of a cell, as (latitude, longitude).</summary>
    public static (double Latitude, double Longitude) CentreOf(int cell)
    {
        var row = (cell - 1) / Columns + 1;
        var column = (cell - 1) % Columns + 1;
        return (-90 + (row - 0.5) * 0.5, -180 + (column - 0.5) * 0.5);
    }
}
