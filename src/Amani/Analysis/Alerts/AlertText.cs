using System.Globalization;
using Amani.Foundation.Taxonomy;

namespace Amani.Analysis.Alerts;

/// <summary>
/// The plain-language headline and explanation of an evaluation: what was counted, where, over which days, against
/// which threshold — e.g. "12 incidents in Ouham in the last 7 days, 3 times the 4 of the previous 7 days; the rule
/// fires at 2 times as many, with at least 5 incidents." Numbers are written the same on every server (invariant culture).
/// </summary>
public static class AlertText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Headline(AlertRule rule, string where, AlertEvidence evidence) => rule.Kind switch
    {
        AlertRuleKind.IncidentCount => $"{Count((int)evidence.Observed, "incident")} {where} in {Days(evidence.WindowDays)}",
        AlertRuleKind.Fatalities => $"{Count((int)evidence.Observed, "death")} {where} in {Days(evidence.WindowDays)}",
        AlertRuleKind.Trend => $"Incidents rising {where}: {Count((int)evidence.Observed, "incident")} in {Days(evidence.WindowDays)}",
        AlertRuleKind.ReportSurge => $"Surge of community reports {Where(where, from: true)}: {(int)evidence.Observed} in {Days(evidence.WindowDays)}",
        _ => $"{Percent(evidence.Observed)} chance of {OutcomeText(rule.ForecastOutcome)} {where} in {evidence.Forecast?.Month}",
    };

    public static string Explanation(AlertRule rule, string where, AlertEvidence evidence)
    {
        var days = Days(evidence.WindowDays);
        var categories = CategoriesText(rule);
        switch (rule.Kind)
        {
            case AlertRuleKind.IncidentCount:
                return $"{Count((int)evidence.Observed, "incident")}{categories} {where} in the last {days}; the threshold is {Number(evidence.Threshold)}.";
            case AlertRuleKind.Fatalities:
                return $"{Count((int)evidence.Observed, "death")} (best estimate) in {Count(evidence.IncidentCount, "incident")}{categories} {where} " +
                       $"in the last {days}; the threshold is {Number(evidence.Threshold)}.";
            case AlertRuleKind.Trend:
                var previous = evidence.Previous ?? 0;
                var compared = previous == 0 ? $"none in the previous {days}"
                    : $"{Times(evidence.Observed / previous)} the {previous} of the previous {days}";
                return $"{Count((int)evidence.Observed, "incident")}{categories} {where} in the last {days}, {compared}; " +
                       $"the rule fires at {Number(evidence.Factor ?? 0)} times as many, with at least {Count((int)evidence.Threshold, "incident")}.";
            case AlertRuleKind.ReportSurge:
                var baseline = evidence.Baseline ?? 0;
                var against = baseline == 0 ? $"none in the previous {Count(rule.BaselineWindows ?? 0, "period")} of {days}"
                    : $"{Times(evidence.Observed / baseline)} the average of {Number(baseline)} per {days} over the previous {Count(rule.BaselineWindows ?? 0, "period")}";
                return $"{Count((int)evidence.Observed, "community report")} {Where(where, from: true)} in the last {days}, {against}; " +
                       $"the rule fires at {Number(evidence.Factor ?? 0)} times the average, with at least {Count((int)evidence.Threshold, "report")}.";
            default:
                var forecast = evidence.Forecast!;
                return $"The latest forecast ({forecast.Model}, issued {forecast.IssuedAt.ToString("yyyy-MM-dd", Invariant)}) gives a " +
                       $"{Percent(forecast.Probability)} probability of {OutcomeText(rule.ForecastOutcome)} {where} in {forecast.Month}; " +
                       $"the rule fires at {Percent(evidence.Threshold)}.";
        }
    }

    public static string NoForecast(AlertRule rule, string where, string month) =>
        $"No forecast of {OutcomeText(rule.ForecastOutcome)} {where} for {month} is stored yet: the rule cannot fire until there is one.";

    /// <summary>"in Ouham", or "across MINUSCA" for a rule over the whole mission.</summary>
    public static string Where(string? areaName, string missionCode) => areaName is null ? $"across {missionCode}" : $"in {areaName}";

    /// <summary>"December 2026" for ViEWS month id 564.</summary>
    public static string MonthName(int monthId) =>
        new DateTime(1980 + (monthId - 1) / 12, (monthId - 1) % 12 + 1, 1, 0, 0, 0, DateTimeKind.Utc).ToString("MMMM yyyy", Invariant);

    /// <summary>ViEWS month id of the month after <paramref name="utc"/>: (year − 1980) · 12 + month.</summary>
    public static int NextMonthId(DateTime utc) => (utc.Year - 1980) * 12 + utc.Month + 1;

    private static string Where(string where, bool from) => from && where.StartsWith("in ", StringComparison.Ordinal) ? "from " + where[3..] : where;

    private static string CategoriesText(AlertRule rule) => rule.CategoryList.Count == 0 ? ""
        : $" ({string.Join(", ", rule.CategoryList.Select(c => Categories.Find(c)?.Name ?? c))})";

    private static string OutcomeText(ForecastOutcome? outcome) => outcome switch
    {
        ForecastOutcome.AtLeast1Death => "at least 1 death",
        ForecastOutcome.AtLeast100Deaths => "at least 100 deaths",
        _ => "at least 25 deaths",
    };

    private static string Days(int? days) => days == 1 ? "day" : $"{days} days";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(Invariant)} {noun}s";

    private static string Number(double value) => Math.Abs(value - Math.Round(value)) < 0.05
        ? Math.Round(value).ToString("0", Invariant)
        : value.ToString("0.#", Invariant);

    private static string Times(double ratio) => ratio >= 1.95 && ratio < 2.05 ? "twice" : $"{Number(ratio)} times";

    private static string Percent(double probability) => probability * 100 >= 1
        ? $"{(probability * 100).ToString("0", Invariant)} %"
        : $"{(probability * 100).ToString("0.#", Invariant)} %";
}
