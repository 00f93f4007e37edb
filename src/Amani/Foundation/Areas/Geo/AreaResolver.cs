using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Amani.Foundation.Areas.Geo;

/// <summary>
/// Finds the deepest admin area of a mission that contains a point (an STR-tree over the area boundaries), or whose
/// name matches a place name after normalisation (case, accents, punctuation, and suffixes such as "province" or
/// "prefecture"). The boundaries of each mission are cached and reloaded when its areas change.
/// </summary>
public sealed class AreaResolver(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private static readonly string[] Suffixes = [" province", " sub prefecture", " prefecture", " prefecture de", " governorate", " region", " district"];
    private readonly ConcurrentDictionary<Guid, MissionAreas> _cache = new();

    public sealed record AreaShape(Guid Id, int Level, IPreparedGeometry Shape);

    /// <summary>
    /// One mission's loaded boundaries, answering synchronously: the deepest area that covers a point, or the area a
    /// place name names. Bulk imports take one per batch (<see cref="LoadAsync"/>) and resolve their rows without a wait.
    /// </summary>
    public sealed record MissionAreas(string Stamp, STRtree<AreaShape> Index, IReadOnlyDictionary<string, Guid> ByName, long LoadedAt)
    {
        /// <summary>Place names as written (imports repeat the same few hundred) → the area they name, so each is normalised once.</summary>
        private ConcurrentDictionary<string, Guid?> ByRawName { get; } = new(StringComparer.Ordinal);

        public Guid? Resolve(double? latitude, double? longitude, string? placeName)
        {
            if (latitude is { } lat && longitude is { } lon && ByPointIn(Index, lat, lon) is { } byPoint)
                return byPoint;
            if (placeName is null)
                return null;
            if (ByRawName.TryGetValue(placeName, out var known))
                return known;
            var byName = ByName.TryGetValue(NormalizeName(placeName), out var id) ? id : (Guid?)null;
            if (ByRawName.Count < MaxRememberedNames) // bounded: free-text names from reports must not grow it without end
                ByRawName.TryAdd(placeName, byName);
            return byName;
        }

        private static Guid? ByPointIn(STRtree<AreaShape> index, double lat, double lon)
        {
            var point = Factory.CreatePoint(new Coordinate(lon, lat));
            var candidates = index.Query(point.EnvelopeInternal);
            if (candidates.Count > 1)
                candidates = candidates.OrderByDescending(a => a.Level).ToList();
            foreach (var candidate in candidates) // deepest first: the first area that covers the point is the answer
                if (candidate.Shape.Covers(point))
                    return candidate.Id;
            return null;
        }
    }

    public async Task<Guid?> ResolveAsync(Guid missionId, double? latitude, double? longitude, string? placeName, CancellationToken cancellationToken) =>
        (await LoadAsync(missionId, cancellationToken)).Resolve(latitude, longitude, placeName);

    /// <summary>Lower-case, accents and apostrophes removed, other punctuation as spaces, administrative suffixes dropped.</summary>
    public static string NormalizeName(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var text = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’')
                continue;
            text.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        var normalized = string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        foreach (var suffix in Suffixes)
            if (normalized.EndsWith(suffix, StringComparison.Ordinal))
                return normalized[..^suffix.Length];
        return normalized;
    }

    /// <summary>Drops a mission's loaded boundaries (after an import changed them), so the next resolution reloads them.</summary>
    public void Forget(Guid missionId) => _cache.TryRemove(missionId, out _);

    private const int MaxRememberedNames = 10_000;

    /// <summary>How long a mission's loaded boundaries are used before checking whether its areas changed.</summary>
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    /// <summary>The mission's boundaries as loaded now (reloaded when its areas changed; checked at most every 30 s).</summary>
    public async Task<MissionAreas> LoadAsync(Guid missionId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(missionId, out var recent) && clock.GetElapsedTime(recent.LoadedAt) < Freshness)
            return recent;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmaniDbContext>();
        var stamp = await db.AdminAreas.Where(a => a.MissionId == missionId)
            .GroupBy(a => a.MissionId).Select(g => g.Count() + ":" + g.Max(a => a.CreatedAt)).FirstOrDefaultAsync(cancellationToken) ?? "0";
        if (_cache.TryGetValue(missionId, out var cached) && cached.Stamp == stamp)
            return _cache[missionId] = cached with { LoadedAt = clock.GetTimestamp() };

        var index = new STRtree<AreaShape>();
        var byName = new Dictionary<string, Guid>();
        var rows = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == missionId)
            .OrderByDescending(a => a.Level).Select(a => new { a.Id, a.Level, a.Name, a.PCode, a.AlternativeNames, a.GeometryGeoJson }).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            byName.TryAdd(NormalizeName(row.Name), row.Id); // deeper levels first: a district wins over a province of the same name
            if (row.GeometryGeoJson is null)
                continue;
            using var json = JsonDocument.Parse(row.GeometryGeoJson);
            if (GeoJsonGeometry.TryRead(json.RootElement, out var shape, out _))
                index.Insert(shape!.EnvelopeInternal, new AreaShape(row.Id, row.Level, PreparedGeometryFactory.Prepare(shape))); // prepared: Covers in O(log n)
        }
        foreach (var row in rows)
            foreach (var alternative in row.AlternativeNames?.Split('|') ?? [])
                byName.TryAdd(NormalizeName(alternative), row.Id); // other names (English, French, variants) after every primary name
        foreach (var row in rows)
            byName.TryAdd(NormalizeName(row.PCode), row.Id); // a P-code stands for its area too (names win on a clash)
        index.Build();
        return _cache[missionId] = new MissionAreas(stamp, index, byName, clock.GetTimestamp());
    }
}
