using System.Collections.Concurrent;
using System.Text.Json;
using Amani.Platform.Data;
using Amani.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Areas;

/// <summary>
/// The boundaries of a mission's areas of one level as the maps draw them, at a <see cref="BoundaryDetail"/>, kept in
/// memory (security finding 8: never the full geometry where the map cannot show it). A layer is built from the stored
/// geometries once per version and detail; the version is the mission's number of areas and the sum of their
/// <see cref="AdminArea.Revision"/>s, which any import, new area or change moves — read from the database on every use,
/// so that every node sees a change at once, and old layers are dropped when a newer version is built.
/// </summary>
public sealed class BoundaryLayers
{
    /// <summary>Part of every version: raised when the simplification changes, so that browsers' cached layers are not reused.</summary>
    private const string Algorithm = "b1";

    private readonly ConcurrentDictionary<(Guid Mission, int Level, BoundaryDetail Detail), BoundaryLayer> _layers = new();
    private readonly SemaphoreSlim _building = new(1, 1);

    /// <summary>The current version of each mission's boundaries (missions without areas have none).</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> VersionsAsync(AmaniDbContext db, CancellationToken cancellationToken) =>
        (await db.AdminAreas.GroupBy(a => a.MissionId).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(a => (long)a.Revision) })
            .ToListAsync(cancellationToken)).ToDictionary(v => v.Key, v => Version(v.Count, v.Sum));

    public static async Task<string> VersionAsync(AmaniDbContext db, Guid missionId, CancellationToken cancellationToken)
    {
        var version = await db.AdminAreas.Where(a => a.MissionId == missionId).GroupBy(a => a.MissionId)
            .Select(g => new { Count = g.Count(), Sum = g.Sum(a => (long)a.Revision) }).FirstOrDefaultAsync(cancellationToken);
        return Version(version?.Count ?? 0, version?.Sum ?? 0);
    }

    private static string Version(int count, long sum) => $"{Algorithm}-{count}-{sum}";

    /// <summary>The areas of <paramref name="level"/> that have a boundary, by P-code, at <paramref name="detail"/>.</summary>
    public async Task<BoundaryLayer> GetAsync(AmaniDbContext db, Guid missionId, int level, BoundaryDetail detail, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(db, missionId, cancellationToken);
        var key = (missionId, level, detail);
        if (_layers.TryGetValue(key, out var layer) && layer.Version == version)
            return layer;
        await _building.WaitAsync(cancellationToken); // one build at a time: a burst of first requests builds a layer once
        try
        {
            if (_layers.TryGetValue(key, out layer) && layer.Version == version)
                return layer;
            var rows = await db.AdminAreas.AsNoTracking()
                .Where(a => a.MissionId == missionId && a.Level == level && a.GeometryGeoJson != null)
                .OrderBy(a => a.PCode).Select(a => new { a.PCode, a.Name, a.GeometryGeoJson }).ToListAsync(cancellationToken);
            layer = new BoundaryLayer(version, level, detail, rows.Select(r => new BoundaryLayer.Area(r.PCode, r.Name, Geometry(r.GeometryGeoJson!, detail)))
                .ToList());
            _layers[key] = layer;
            return layer;
        }
        finally
        {
            _building.Release();
        }
    }

    private static JsonElement Geometry(string stored, BoundaryDetail detail)
    {
        using var json = JsonDocument.Parse(stored);
        if (detail == BoundaryDetail.Full)
            return json.RootElement.Clone();
        var shape = BoundaryGeometry.Read(json.RootElement).Shape;
        if (shape is null) // a stored boundary the reader now refuses (none should be): served as stored
            return json.RootElement.Clone();
        return JsonSerializer.SerializeToElement(detail.Simplify(shape), GeoJsonGeometry.Options);
    }
}

/// <summary>One level's boundaries at one detail, as <see cref="BoundaryLayers"/> keeps them.</summary>
public sealed class BoundaryLayer(string version, int level, BoundaryDetail detail, IReadOnlyList<BoundaryLayer.Area> areas)
{
    public sealed record Area(string PCode, string Name, JsonElement Geometry);

    private readonly Lazy<EncodedBody> _public = new(() => EncodedBody.Create(PublicCollection(areas), "application/geo+json"));

    public string Version { get; } = version;
    public int Level { get; } = level;
    public BoundaryDetail Detail { get; } = detail;
    public IReadOnlyList<Area> Areas { get; } = areas;

    /// <summary>
    /// The layer as the public GeoJSON FeatureCollection (each feature's properties: <c>pCode</c>, <c>name</c>), made and
    /// compressed once (<see cref="EncodedBody"/>).
    /// </summary>
    public EncodedBody Public => _public.Value;

    private static byte[] PublicCollection(IReadOnlyList<Area> areas)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            writer.WriteStartArray("features");
            foreach (var area in areas)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "Feature");
                writer.WriteStartObject("properties");
                writer.WriteString("pCode", area.PCode);
                writer.WriteString("name", area.Name);
                writer.WriteEndObject();
                writer.WritePropertyName("geometry");
                area.Geometry.WriteTo(writer);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
