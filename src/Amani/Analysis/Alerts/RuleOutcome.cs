namespace Amani.Analysis.Alerts;

/// <summary>
/// What evaluating a rule found for one area (or the whole mission, <see cref="AreaId"/> null): whether it fires, the
/// evidence (null when there was nothing to compare, e.g. no forecast yet), and the plain-language explanation.
/// </summary>
public sealed record RuleOutcome(Guid? AreaId, string? AreaPCode, string? AreaName, bool Fired, AlertEvidence? Evidence, string Headline, string Explanation);
