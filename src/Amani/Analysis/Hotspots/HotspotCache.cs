using Microsoft.Extensions.Caching.Memory;

namespace Amani.Analysis.Hotspots;

/// <summary>
/// Computed hot-spot maps, kept by a key that includes the aggregates' version and the areas' fingerprint (so a stale
/// map is never served: new data means a new key). Its own memory cache, bounded by the number of units and bins held
/// (about two million), least recently used maps leaving first.
/// </summary>
public sealed class HotspotCache : IDisposable
{
    private readonly MemoryCache _maps = new(new MemoryCacheOptions { SizeLimit = 2_000_000, CompactionPercentage = 0.25 });

    public bool TryGet(string key, out object? map) => _maps.TryGetValue(key, out map);

    public void Set(string key, object map, int bins) =>
        _maps.Set(key, map, new MemoryCacheEntryOptions { Size = Math.Max(1, bins), SlidingExpiration = TimeSpan.FromMinutes(10) });

    public void Dispose() => _maps.Dispose();
}
