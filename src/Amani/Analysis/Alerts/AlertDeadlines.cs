namespace Amani.Analysis.Alerts;

/// <summary>
/// A mission's hours to respond per severity, when it changed Amani's defaults (<see cref="Defaults"/>). A rule's own
/// <see cref="AlertRule.DeadlineHours"/> overrides both.
/// </summary>
public sealed class MissionAlertDeadlines
{
    public Guid MissionId { get; set; }
    public int MinorHours { get; set; }
    public int ModerateHours { get; set; }
    public int SevereHours { get; set; }
    public int ExtremeHours { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Extreme 2 hours, Severe 12 hours, Moderate 48 hours, Minor 7 days.</summary>
    public static MissionAlertDeadlines Defaults(Guid missionId) =>
        new() { MissionId = missionId, MinorHours = 7 * 24, ModerateHours = 48, SevereHours = 12, ExtremeHours = 2 };

    public int HoursFor(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Extreme => ExtremeHours,
        AlertSeverity.Severe => SevereHours,
        AlertSeverity.Moderate => ModerateHours,
        _ => MinorHours,
    };
}

public static class AlertLimits
{
    public const int Name = 200;
    public const int Text = 2000;
    public const int MaxThreshold = 1_000_000;
    public const int MaxWindowDays = 365;
    public const double MinFactor = 1.1;
    public const double MaxFactor = 100;
    public const int MaxBaselineWindows = 52;
    public const double MinProbability = 0.01;
    public const int MaxDeadlineHours = 720;
    public const int MaxCategories = 20;
    /// <summary>Incident or report ids kept as evidence per alert; the counts are always complete.</summary>
    public const int EvidenceIds = 500;
}
