namespace Amani.Tests.Infrastructure;

/// <summary>A settable clock (the Microsoft.Extensions.TimeProvider.Testing package is not available here).</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
