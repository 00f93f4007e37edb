namespace Amani.Analysis.Alerts;

/// <summary>How often rules are evaluated, and who signs the CAP feed. Read from the environment by <see cref="FromEnvironment"/>.</summary>
public sealed record AlertSettings
{
    /// <summary>Every rule of every mission is evaluated, and overdue alerts escalated, this often (<c>AMANI_ALERT_INTERVAL_SECONDS</c>, default 300).</summary>
    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>After new data arrives, wait this long for more before evaluating its mission's rules (bursts and imports make one pass).</summary>
    public TimeSpan NudgeDelay { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>
    /// The domain in the CAP <c>sender</c> (<c>{mission code}@{domain}</c>; <c>AMANI_CAP_SENDER_DOMAIN</c>); default: the host
    /// name the feed was requested at.
    /// </summary>
    public string? CapSenderDomain { get; init; }

    public static AlertSettings FromEnvironment() => new()
    {
        EvaluationInterval = int.TryParse(Env("AMANI_ALERT_INTERVAL_SECONDS"), out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(5),
        CapSenderDomain = Env("AMANI_CAP_SENDER_DOMAIN"),
    };

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;
}
