using System.Collections.Concurrent;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.OpenRosa;

/// <summary>
/// The app users behind the keys phones send, by the key's SHA-256, kept in memory so that a burst of submissions does not
/// look the same row up a thousand times. Revoking an app user drops it here at once (<see cref="Forget"/>), so this node
/// refuses its phones from the next request on; another node of a cluster drops it within <see cref="Lifetime"/>. An
/// unknown key is never cached (a key created on another node works at once).
/// </summary>
public sealed class AppUserCache(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 10_000;

    private sealed record Entry(AppUser User, DateTimeOffset Until);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<AppUser?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(tokenHash, out var entry) && entry.Until > now)
            return entry.User;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AmaniDbContext>();
        var user = await db.Set<AppUser>().AsNoTracking().FirstOrDefaultAsync(u => u.TokenHash == tokenHash, cancellationToken);
        if (user is null)
            return null;
        if (_entries.Count >= MaxEntries)
            _entries.Clear();
        _entries[tokenHash] = new Entry(user, now + Lifetime);
        return user;
    }

    /// <summary>Forgets an app user (on revocation): its next request reads the row again.</summary>
    public void Forget(string tokenHash) => _entries.TryRemove(tokenHash, out _);
}
