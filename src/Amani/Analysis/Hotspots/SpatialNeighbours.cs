using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amani.Analysis.Aggregates;
using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Amani.Foundation.Areas.Geo;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Distance;

namespace Amani.Analysis.Hotspots;

/// <summary>
/// Who neighbours whom. Admin areas of one level: areas whose boundaries touch or overlap, or come within
/// <see cref="Tolerance"/> of each other (boundary layers have slivers and gaps between neighbours), found with an
/// STR-tree and NetTopologySuite's indexed facet distance. PRIO-GRID cells: queen contiguity (the 8 cells around).
/// Neighbour lists are cached per mission and level, keyed by a fingerprint of the mission's areas, so a boundary import
/// (on any node) is noticed at the next request.
/// </summary>
public sealed class SpatialNeighbours
{
    /// <summary>0.005° ≈ 500 m: boundaries closer than this count as touching.</summary>
    public const double Tolerance = 0.005;

    public sealed record Units<TKey>(IReadOnlyList<TKey> Keys, IReadOnlyList<AnalysisUnit> Refs, IReadOnlyList<int[]> Neighbours)
        where TKey : notnull
    {
        public int Count => Keys.Count;
    }

    private sealed record CachedAreas(string Fingerprint, Units<Guid> Units);

    private sealed record CachedOutline(string Fingerprint, IReadOnlySet<int> Cells);

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private readonly ConcurrentDictionary<(Guid Mission, int Level), CachedAreas> _areas = new();
    private readonly ConcurrentDictionary<Guid, CachedOutline> _outlines = new();

    /// <summary>A digest of the mission's area tree and boundaries (ids, levels, parents, boundary sizes and label points).</summary>
    public static async Task<string> FingerprintAsync(AmaniDbContext db, Guid missionId, CancellationToken cancellationToken)
    {
        var rows = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == missionId).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Level, a.ParentId, Size = a.GeometryGeoJson == null ? 0 : a.GeometryGeoJson.Length, a.CentroidLatitude, a.CentroidLongitude })
            .ToListAsync(cancellationToken);
        var text = string.Join('\n', rows.Select(r => $"{r.Id}|{r.Level}|{r.ParentId}|{r.Size}|{r.CentroidLatitude:R}|{r.CentroidLongitude:R}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>The mission's areas of <paramref name="level"/>, with their neighbours (indices into the list, the area itself excluded).</summary>
    public async Task<Units<Guid>> AreasAsync(AmaniDbContext db, Guid missionId, int level, string fingerprint, CancellationToken cancellationToken)
    {
        if (_areas.TryGetValue((missionId, level), out var cached) && cached.Fingerprint == fingerprint)
            return cached.Units;
        var rows = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == missionId && a.Level == level).OrderBy(a => a.PCode)
            .Select(a => new { a.Id, a.PCode, a.Name, a.Level, a.CentroidLatitude, a.CentroidLongitude, a.GeometryGeoJson })
            .ToListAsync(cancellationToken);
        var shapes = rows.Select(r => Read(r.GeometryGeoJson)).ToList();
        var units = new Units<Guid>(rows.Select(r => r.Id).ToList(),
            rows.Select(r => AnalysisUnit.Area(r.PCode, r.Name, r.Level, r.CentroidLatitude, r.CentroidLongitude)).ToList(), Touching(shapes));
        _areas[(missionId, level)] = new CachedAreas(fingerprint, units);
        return units;
    }

    /// <summary>For each shape, the indices of the shapes within <see cref="Tolerance"/> of it (none for a missing shape).</summary>
    public static int[][] Touching(IReadOnlyList<Geometry?> shapes)
    {
        var index = new STRtree<int>();
        for (var i = 0; i < shapes.Count; i++)
            if (shapes[i] is { } shape)
                index.Insert(shape.EnvelopeInternal, i);
        index.Build();
        var neighbours = Enumerable.Range(0, shapes.Count).Select(_ => new SortedSet<int>()).ToArray();
        for (var i = 0; i < shapes.Count; i++)
        {
            if (shapes[i] is not { } shape)
                continue;
            var near = new Envelope(shape.EnvelopeInternal);
            near.ExpandBy(Tolerance);
            var facets = new IndexedFacetDistance(shape);
            foreach (var j in index.Query(near).Where(j => j > i))
                if (facets.IsWithinDistance(shapes[j]!, Tolerance) || shape.Intersects(shapes[j]))
                {
                    neighbours[i].Add(j);
                    neighbours[j].Add(i);
                }
        }
        return neighbours.Select(n => n.ToArray()).ToArray();
    }

    /// <summary>
    /// The cells that cover the mission's territory: those meeting the boundary of its top-level areas (the country, or
    /// else the highest level that has boundaries). Empty when the mission has no boundaries.
    /// </summary>
    public async Task<IReadOnlySet<int>> OutlineCellsAsync(AmaniDbContext db, Guid missionId, string fingerprint, CancellationToken cancellationToken)
    {
        if (_outlines.TryGetValue(missionId, out var cached) && cached.Fingerprint == fingerprint)
            return cached.Cells;
        var top = await db.AdminAreas.Where(a => a.MissionId == missionId && a.GeometryGeoJson != null).Select(a => (int?)a.Level).MinAsync(cancellationToken);
        var boundaries = top is null ? [] : await db.AdminAreas.AsNoTracking()
            .Where(a => a.MissionId == missionId && a.Level == top && a.GeometryGeoJson != null).Select(a => a.GeometryGeoJson).ToListAsync(cancellationToken);
        var cells = new HashSet<int>();
        foreach (var shape in boundaries.Select(Read).OfType<Geometry>())
            cells.UnionWith(CellsMeeting(shape));
        _outlines[missionId] = new CachedOutline(fingerprint, cells);
        return cells;
    }

    public static IEnumerable<int> CellsMeeting(Geometry shape)
    {
        var prepared = PreparedGeometryFactory.Prepare(shape);
        var box = shape.EnvelopeInternal;
        for (var latitude = Math.Floor(box.MinY * 2) / 2; latitude < box.MaxY; latitude += 0.5)
            for (var longitude = Math.Floor(box.MinX * 2) / 2; longitude < box.MaxX; longitude += 0.5)
            {
                var cell = Factory.ToGeometry(new Envelope(longitude, longitude + 0.5, latitude, latitude + 0.5));
                if (prepared.Intersects(cell))
                    yield return PrioGrid.CellOf(Math.Min(latitude + 0.25, 90), Math.Min(longitude + 0.25, 180));
            }
    }

    /// <summary>Queen contiguity among <paramref name="cells"/>: the up to 8 cells around each (columns wrap at the antimeridian).</summary>
    public static Units<int> Cells(IEnumerable<int> cells)
    {
        var keys = cells.Distinct().Order().ToList();
        var position = keys.Select((gid, i) => (gid, i)).ToDictionary(p => p.gid, p => p.i);
        var neighbours = keys.Select(gid =>
        {
            var (row, column) = ((gid - 1) / PrioGrid.Columns, (gid - 1) % PrioGrid.Columns);
            var around = new List<int>();
            for (var dr = -1; dr <= 1; dr++)
                for (var dc = -1; dc <= 1; dc++)
                {
                    var r = row + dr;
                    if ((dr, dc) == (0, 0) || r < 0 || r >= PrioGrid.Rows)
                        continue;
                    var c = (column + dc + PrioGrid.Columns) % PrioGrid.Columns;
                    if (position.TryGetValue(r * PrioGrid.Columns + c + 1, out var index))
                        around.Add(index);
                }
            return around.Order().ToArray();
        }).ToList();
        return new Units<int>(keys, keys.Select(AnalysisUnit.Cell).ToList(), neighbours);
    }

    private static Geometry? Read(string? geoJson)
    {
        if (geoJson is null)
            return null;
        using var json = JsonDocument.Parse(geoJson);
        return GeoJsonGeometry.TryRead(json.RootElement, out var shape, out _) ? shape : null;
    }
}
