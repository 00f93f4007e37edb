using Amani.Platform.Data;
using Amani.Register.Incidents;

namespace Amani.Analysis.Dashboard;

/// <summary>
/// Clusters the visible, filtered incidents of a viewport on a grid of <see cref="CellPixels"/>-pixel cells of the
/// Web Mercator plane at the requested zoom, in one pass over the mission's in-memory points: the answer has at most
/// one entry per cell (a few hundred for a screen), whatever the number of incidents.
/// </summary>
internal static class MapClusterer
{
    public const int CellPixels = 64;
    /// <summary>From this zoom on, cells of up to <see cref="PointsPerCell"/> incidents are sent as single points.</summary>
    public const int PointZoom = 15;
    public const int PointsPerCell = 25;
    /// <summary>A viewport may span at most this many cells (a 4K screen is about 2,000): more is a box too big for its zoom.</summary>
    public const int MaxCells = 10_000;

    public static Result<MapClustersResponse> Cluster(MapSnapshot snapshot, IncidentAudience audience, MapQuery.Parsed query)
    {
        var cellsPerSide = 1L << (query.Zoom + 8 - 6); // 256-pixel tiles, 64-pixel cells
        var (x0, x1) = (WebMercator.X(query.Box.MinLon), WebMercator.X(query.Box.MaxLon));
        var (y0, y1) = (WebMercator.Y(query.Box.MaxLat), WebMercator.Y(query.Box.MinLat));
        var (cx0, cx1) = (Cell(x0, cellsPerSide), Cell(x1, cellsPerSide));
        var (cy0, cy1) = (Cell(y0, cellsPerSide), Cell(y1, cellsPerSide));
        var columns = cx1 - cx0 + 1;
        var cellCount = columns * (cy1 - cy0 + 1);
        if (cellCount > MaxCells)
            return Result<MapClustersResponse>.Invalid("bbox",
                $"The box spans {cellCount} map cells of {CellPixels} pixels at zoom {query.Zoom}; at most {MaxCells}: zoom out or send a smaller box.");

        var groups = CategoryGroups(snapshot.Categories, query.Category, out var groupNames, out var wanted);
        var areaWanted = query.Areas is null ? null : snapshot.Areas.Select(a => a is { } id && query.Areas.Contains(id)).ToArray();
        var userSlot = audience.UserId is { } user ? IndexOf(snapshot.Recorders, user) : -1;
        // The caller's area scope, one flag per area slot (an area-scoped role sees its areas' incidents only).
        var areaInScope = audience.Areas.IsWholeMission ? null : snapshot.Areas.Select(audience.Areas.Covers).ToArray();
        var singlesPerCell = query.Zoom >= PointZoom ? PointsPerCell : 1;

        var counts = new int[cellCount];
        var sumX = new double[cellCount];
        var sumY = new double[cellCount];
        var byGroup = new int[cellCount * groupNames.Count];
        var members = new List<int>?[cellCount];
        var total = 0;
        var points = snapshot.Points;
        var (xs, ys) = (snapshot.Xs, snapshot.Ys);
        for (var i = 0; i < xs.Length; i++)
        {
            var x = xs[i];
            if (x < x0 || x > x1)
                continue;
            var y = ys[i];
            if (y < y0 || y > y1)
                continue;
            ref readonly var p = ref points[i];
            if (!wanted[p.Category]
                || (query.FromTicks is { } from && p.OccurredUntilTicks < from)
                || (query.ToTicks is { } to && p.OccurredFromTicks > to)
                || (query.Status is { } status && p.Status != status)
                || (query.Source is { } source && p.Source != source)
                || (query.Confidence is { } confidence && p.Confidence != confidence)
                || (areaWanted is not null && !areaWanted[p.Area]))
                continue;
            if (!(p.RecordedBy == userSlot && userSlot >= 0)
                && ((areaInScope is not null && !areaInScope[p.Area]) || !audience.AllowsConfidentiality(p.Confidentiality, snapshot.Recorders[p.RecordedBy],
                    p.Confidentiality == Confidentiality.Restricted ? snapshot.Grants.GetValueOrDefault(p.Id) : null)))
                continue;
            var cell = (int)((Cell(p.Y, cellsPerSide) - cy0) * columns + (Cell(p.X, cellsPerSide) - cx0));
            total++;
            counts[cell]++;
            sumX[cell] += p.X;
            sumY[cell] += p.Y;
            byGroup[cell * groupNames.Count + groups[p.Category]]++;
            if (counts[cell] <= singlesPerCell)
                (members[cell] ??= []).Add(i);
        }

        var clusters = new List<MapCluster>();
        var singles = new List<MapPointResponse>();
        for (var cell = 0; cell < cellCount; cell++)
        {
            if (counts[cell] == 0)
                continue;
            if (counts[cell] <= singlesPerCell)
            {
                foreach (var i in members[cell]!)
                {
                    var p = points[i];
                    singles.Add(new MapPointResponse(p.Id, Round(WebMercator.Latitude(p.Y)), Round(WebMercator.Longitude(p.X)),
                        snapshot.Categories[p.Category], p.Status));
                }
                continue;
            }
            var dominant = 0;
            for (var g = 1; g < groupNames.Count; g++)
                if (byGroup[cell * groupNames.Count + g] > byGroup[cell * groupNames.Count + dominant])
                    dominant = g;
            clusters.Add(new MapCluster(Round(WebMercator.Latitude(sumY[cell] / counts[cell])), Round(WebMercator.Longitude(sumX[cell] / counts[cell])),
                counts[cell], groupNames[dominant]));
        }
        return Result<MapClustersResponse>.Ok(new MapClustersResponse(query.Zoom, total, clusters, singles));
    }

    private static long Cell(double unit, long cellsPerSide) => Math.Min((long)(unit * cellsPerSide), cellsPerSide - 1);

    private static double Round(double degrees) => Math.Round(degrees, 5);

    private static int IndexOf(IReadOnlyList<Guid> table, Guid value)
    {
        for (var i = 0; i < table.Count; i++)
            if (table[i] == value)
                return i;
        return -1;
    }

    /// <summary>
    /// For each category of the snapshot, its top-level group (<c>battles.armed-clash</c> → <c>battles</c>; the
    /// mission's categories keep their second segment: <c>mission.threat-to-civilians</c>), and whether the category
    /// filter (the category or one of its sub-categories, as in the list) lets it through.
    /// </summary>
    private static int[] CategoryGroups(IReadOnlyList<string> categories, string? filter, out List<string> names, out bool[] wanted)
    {
        names = [];
        var groups = new int[categories.Count];
        wanted = new bool[categories.Count];
        var slots = new Dictionary<string, int>();
        for (var i = 0; i < categories.Count; i++)
        {
            var code = categories[i];
            var group = Group(code);
            if (!slots.TryGetValue(group, out var slot))
            {
                slots[group] = slot = names.Count;
                names.Add(group);
            }
            groups[i] = slot;
            wanted[i] = filter is null || code == filter || code.StartsWith(filter + ".", StringComparison.Ordinal);
        }
        if (names.Count == 0)
            names.Add("");
        return groups;
    }

    internal static string Group(string code)
    {
        var parts = code.Split('.');
        return parts[0] == "mission" && parts.Length > 1 ? $"{parts[0]}.{parts[1]}" : parts[0];
    }
}
