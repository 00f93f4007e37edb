using System.ComponentModel.DataAnnotations;
using Amani.Platform.Hosting.Settings;

namespace Amani.Analysis.Alerts;

/// <summary>How often rules are evaluated, and who signs the CAP feed. Bound from the configuration (<see cref="SettingsBinder"/>).</summary>
public sealed record AlertSettings
{
    /// <summary>Every rule of every mission is evaluated, and overdue alerts escalated, this often (<c>AMANI_ALERT_INTERVAL_SECONDS</c>, default 300).</summary>
    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary><see cref="EvaluationInterval"/> in seconds, as the variable gives it (at most a week).</summary>
    [ConfigurationKeyName("AMANI_ALERT_INTERVAL_SECONDS"), Range(1, 604_800)]
    public int EvaluationIntervalSeconds
    {
        get => (int)EvaluationInterval.TotalSeconds;
        init => EvaluationInterval = TimeSpan.FromSeconds(value);
    }
    /// <summary>After new data arrives, wait this long for more before evaluating its mission's rules (bursts and imports make one pass).</summary>
    public TimeSpan NudgeDelay { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>
    /// The domain in the CAP <c>sender</c> (<c>{mission code}@{domain}</c>; <c>AMANI_CAP_SENDER_DOMAIN</c>); default: the host
    /// name the feed was requested at.
    /// </summary>
    [ConfigurationKeyName("AMANI_CAP_SENDER_DOMAIN"), HostName]
    public string? CapSenderDomain { get; init; }
}
