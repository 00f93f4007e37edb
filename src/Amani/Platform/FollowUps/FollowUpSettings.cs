using System.ComponentModel.DataAnnotations;

namespace Amani.Platform.FollowUps;

/// <summary>How often follow-ups are checked for reminders and escalations. Bound from the configuration.</summary>
public sealed record FollowUpSettings
{
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary><see cref="CheckInterval"/> in seconds (<c>AMANI_FOLLOW_UP_INTERVAL_SECONDS</c>, default 60, at most a day).</summary>
    [ConfigurationKeyName("AMANI_FOLLOW_UP_INTERVAL_SECONDS"), Range(1, 86_400)]
    public int CheckIntervalSeconds
    {
        get => (int)CheckInterval.TotalSeconds;
        init => CheckInterval = TimeSpan.FromSeconds(value);
    }
}
