using System.Collections.Concurrent;
using Amani.Platform.Data;
using Amani.Platform.Hosting;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Missions;

namespace Amani.Register.Reporting;

/// <summary>
/// Which mission an anonymous report goes to: the one named, else the configured default (<c>AMANI_DEFAULT_MISSION</c>),
/// else the only mission there is. Cached for a short while: public intake must not query missions per report.
/// </summary>
public sealed class PublicMissions(IServiceScopeFactory scopes, AmaniSettings settings, TimeProvider clock)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (Guid? Id, long At)> _cache = new();

    public async Task<Guid?> ResolveAsync(string? code, CancellationToken cancellationToken)
    {
        var key = (code ?? settings.DefaultMission ?? "").Trim().ToUpperInvariant();
        if (_cache.TryGetValue(key, out var hit) && clock.GetElapsedTime(hit.At) < Freshness)
            return hit.Id;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AmaniDbContext>();
        Guid? id = key.Length > 0
            ? await db.Missions.Where(m => m.Code == key).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken)
            : await db.Missions.CountAsync(cancellationToken) == 1 ? await db.Missions.Select(m => (Guid?)m.Id).FirstAsync(cancellationToken) : null;
        _cache[key] = (id, clock.GetTimestamp());
        return id;
    }
}
