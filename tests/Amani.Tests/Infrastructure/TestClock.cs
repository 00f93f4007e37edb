using Microsoft.Extensions.Time.Testing;

namespace Amani.Tests.Infrastructure;

/// <summary>
/// The test server's clock: a <see cref="FakeTimeProvider"/> that starts at the real present and moves only when a
/// test calls <see cref="FakeTimeProvider.Advance"/> or <see cref="FakeTimeProvider.SetUtcNow"/>. Its timers and
/// stopwatch run on the system clock, though: the server's background loops (import heartbeats, alert nudges,
/// aggregate refreshes) wait through this clock and must keep running in tests that never advance it.
/// </summary>
public sealed class TestClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        TimeProvider.System.CreateTimer(callback, state, dueTime, period);

    public override long GetTimestamp() => TimeProvider.System.GetTimestamp();

    public override long TimestampFrequency => TimeProvider.System.TimestampFrequency;
}
