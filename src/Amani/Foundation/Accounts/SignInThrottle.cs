using System.Collections.Concurrent;
using System.Net;

namespace Amani.Foundation.Accounts;

/// <summary>
/// Slows password guessing without handing anyone a way to lock others out. Failed sign-ins are counted per account
/// <em>and</em> client address: after <see cref="FreeFailures"/> failures in a row, that pair must wait before its next
/// try — 30 s, then twice as long after each further failure, at most 15 minutes — while the real user, from their own
/// address, signs in as usual, and the same pair may try again once the delay has passed. Unknown e-mails are counted
/// exactly like known ones, so the answers say nothing about which accounts exist. A success clears the pair.
/// Kept in memory (like the platform's rate limits): a restart forgets it, and each node counts its own.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeFailures = 5;
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30), LongestDelay = TimeSpan.FromMinutes(15);
    /// <summary>A pair untouched this long is forgotten.</summary>
    private static readonly TimeSpan Memory = TimeSpan.FromHours(24);
    private const int MaxPairs = 100_000;

    private sealed record Entry(int Failures, DateTimeOffset NotBefore, DateTimeOffset LastFailure);

    private readonly ConcurrentDictionary<(string Account, string Address), Entry> _pairs = new();

    /// <summary>How long the pair must still wait before its next try (zero: it may try now).</summary>
    public TimeSpan Wait(string email, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        return _pairs.TryGetValue(Key(email, address), out var entry) && entry.NotBefore > now ? entry.NotBefore - now : TimeSpan.Zero;
    }

    public void Failed(string email, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (_pairs.Count >= MaxPairs)
            Forget(now);
        _pairs.AddOrUpdate(Key(email, address), _ => new Entry(1, now, now), (_, e) =>
        {
            var failures = now - e.LastFailure > Memory ? 1 : e.Failures + 1;
            return new Entry(failures, now + Delay(failures), now);
        });
    }

    public void Succeeded(string email, IPAddress? address) => _pairs.TryRemove(Key(email, address), out _);

    /// <summary>The wait after the <paramref name="failures"/>th failure in a row: none before the fifth, then 30 s, 1 min, 2 min … 15 min.</summary>
    public static TimeSpan Delay(int failures) => failures < FreeFailures
        ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(LongestDelay.Ticks, FirstDelay.Ticks << Math.Min(failures - FreeFailures, 20)));

    private void Forget(DateTimeOffset now)
    {
        foreach (var pair in _pairs.Where(p => now - p.Value.LastFailure > Memory || p.Value.NotBefore < now - LongestDelay))
            _pairs.TryRemove(pair.Key, out _);
    }

    private static (string, string) Key(string email, IPAddress? address) =>
        (email.Trim().ToUpperInvariant(), address?.ToString() ?? "unknown");
}
