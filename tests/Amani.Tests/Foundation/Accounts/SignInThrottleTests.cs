using System.Net;
using Amani.Foundation.Accounts;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Amani.Tests.Foundation.Accounts;

/// <summary>The throttle's arithmetic: per account and address, a growing wait after the fifth failure in a row, cleared by a success.</summary>
public sealed class SignInThrottleTests
{
    private static readonly IPAddress Here = IPAddress.Parse("192.0.2.1"), There = IPAddress.Parse("192.0.2.2");

    [Fact]
    public void The_wait_starts_at_the_fifth_failure_and_doubles_up_to_fifteen_minutes()
    {
        Assert.Equal([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900], Enumerable.Range(1, 11).Select(n => SignInThrottle.Delay(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(15), SignInThrottle.Delay(10_000));
    }

    [Fact]
    public void Each_account_and_address_pair_counts_on_its_own_and_a_success_clears_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
            throttle.Failed("Ana@Example.org ", Here);

        Assert.Equal(TimeSpan.FromSeconds(30), throttle.Wait("ana@example.org", Here));
        Assert.Equal(TimeSpan.Zero, throttle.Wait("ana@example.org", There));
        Assert.Equal(TimeSpan.Zero, throttle.Wait("ben@example.org", Here));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(20), throttle.Wait("ana@example.org", Here));

        throttle.Succeeded("ana@example.org", Here);
        Assert.Equal(TimeSpan.Zero, throttle.Wait("ana@example.org", Here));
        throttle.Failed("ana@example.org", Here);
        Assert.Equal(TimeSpan.Zero, throttle.Wait("ana@example.org", Here));
    }

    [Fact]
    public void A_day_without_failures_starts_the_count_again()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 8; i++)
            throttle.Failed("ana@example.org", Here);
        clock.Advance(TimeSpan.FromHours(25));

        throttle.Failed("ana@example.org", Here);
        Assert.Equal(TimeSpan.Zero, throttle.Wait("ana@example.org", Here));
    }
}
