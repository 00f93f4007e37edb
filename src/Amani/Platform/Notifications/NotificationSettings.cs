using System.ComponentModel.DataAnnotations;
using Amani.Platform.Hosting.Settings;

namespace Amani.Platform.Notifications;

/// <summary>
/// How notifications are delivered, besides the SMTP server (<see cref="SmtpOptions"/>). Bound from the configuration
/// (<see cref="SettingsBinder"/>); tests replace it.
/// </summary>
public sealed record NotificationSettings
{
    /// <summary>The digests of a day go out at this hour, UTC (fixed: 06:00 UTC, early morning in the missions' time zones).</summary>
    public const int DigestHourUtc = 6;

    /// <summary>How many times an e-mail is tried before it is marked failed (<c>AMANI_SMTP_MAX_ATTEMPTS</c>, default 8).</summary>
    [ConfigurationKeyName("AMANI_SMTP_MAX_ATTEMPTS"), Range(1, 1000)]
    public int MaxEmailAttempts { get; init; } = 8;
    /// <summary>How often the outbox is polled for e-mail and digests that are due.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>False: no background delivery on this node (tests deliver by calling the sender themselves).</summary>
    public bool DeliverInBackground { get; init; } = true;

    /// <summary>When a daily digest that takes an item created at <paramref name="at"/> is due: the next <see cref="DigestHourUtc"/>.</summary>
    public static DateTime NextDigestAt(DateTime at)
    {
        var today = at.Date.AddHours(DigestHourUtc);
        return at < today ? today : today.AddDays(1);
    }

    /// <summary>Exponential backoff: 30 s, 1 min, 2 min … at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

}
