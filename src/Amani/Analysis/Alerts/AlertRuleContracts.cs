using System.ComponentModel.DataAnnotations;
using Amani.Platform.Access;
using Amani.Foundation.Areas;

namespace Amani.Analysis.Alerts;

/// <summary>
/// A rule as a person writes it. Shape checks here (each names its allowed range); which figures a kind needs, and the
/// references to areas, categories and users, are checked by <see cref="AlertRuleEditor"/>.
/// </summary>
public sealed record AlertRuleInput(
    [property: Required, StringLength(AlertLimits.Name, MinimumLength = 3, ErrorMessage = "Give a name of 3 to 200 characters.")] string Name,
    [property: Required] AlertRuleKind? Kind,
    [property: Required] AlertSeverity? Severity,
    [property: StringLength(AreaLimits.PCode)] string? AreaPCode,
    [property: Range(0, AreaLimits.MaxLevel, ErrorMessage = "Give an admin level from 0 to 5.")] int? AreaLevel,
    [property: MaxLength(AlertLimits.MaxCategories, ErrorMessage = "Give at most 20 categories.")] string[]? Categories,
    bool? Public,
    bool? Enabled,
    [property: Range(1, AlertLimits.MaxThreshold, ErrorMessage = "Give a whole number from 1 to 1000000.")] int? Threshold,
    [property: Range(1, AlertLimits.MaxWindowDays, ErrorMessage = "Give a number of days from 1 to 365.")] int? WindowDays,
    [property: Range(AlertLimits.MinFactor, AlertLimits.MaxFactor, ErrorMessage = "Give a factor from 1.1 to 100 (2 means twice as many).")] double? Factor,
    [property: Range(1, AlertLimits.MaxThreshold, ErrorMessage = "Give a whole number from 1 to 1000000.")] int? MinimumCount,
    [property: Range(1, AlertLimits.MaxBaselineWindows, ErrorMessage = "Give a number of windows from 1 to 52.")] int? BaselineWindows,
    ForecastOutcome? ForecastOutcome,
    [property: Range(AlertLimits.MinProbability, 1.0, ErrorMessage = "Give a probability from 0.01 to 1 (0.3 means 30 %).")] double? Probability,
    Guid? DefaultOwnerUserId,
    Role? OwnerRole,
    [property: Range(1, AlertLimits.MaxDeadlineHours, ErrorMessage = "Give a number of hours from 1 to 720.")] int? DeadlineHours);

public sealed record AlertRuleResponse(
    Guid Id, string MissionCode, string Name, AlertRuleKind Kind, AlertSeverity Severity, string? AreaPCode, string? AreaName, int? AreaLevel,
    IReadOnlyList<string> Categories, bool Public, bool Enabled, int? Threshold, int? WindowDays, double? Factor, int? MinimumCount, int? BaselineWindows,
    ForecastOutcome? ForecastOutcome, double? Probability, Guid? DefaultOwnerUserId, Role OwnerRole, int? DeadlineHours, int EffectiveDeadlineHours,
    DateTime CreatedAt, DateTime UpdatedAt, int Version, DateTime? LastEvaluatedAt, string? LastEvaluation, int ActiveAlerts);

public sealed record RuleOutcomeResponse(string? AreaPCode, string? AreaName, bool Fired, RaiseResult Result, Guid? AlertId, string Explanation);

public sealed record RuleEvaluationResponse(Guid RuleId, DateTime EvaluatedAt, bool DryRun, IReadOnlyList<RuleOutcomeResponse> Outcomes);

/// <summary>A mission's hours to respond per severity (each from 1 to 720).</summary>
public sealed record AlertDeadlinesInput(
    [property: Required, Range(1, AlertLimits.MaxDeadlineHours, ErrorMessage = "Give a number of hours from 1 to 720.")] int? Minor,
    [property: Required, Range(1, AlertLimits.MaxDeadlineHours, ErrorMessage = "Give a number of hours from 1 to 720.")] int? Moderate,
    [property: Required, Range(1, AlertLimits.MaxDeadlineHours, ErrorMessage = "Give a number of hours from 1 to 720.")] int? Severe,
    [property: Required, Range(1, AlertLimits.MaxDeadlineHours, ErrorMessage = "Give a number of hours from 1 to 720.")] int? Extreme);

public sealed record AlertDeadlinesResponse(string MissionCode, int Minor, int Moderate, int Severe, int Extreme, bool Defaults);
