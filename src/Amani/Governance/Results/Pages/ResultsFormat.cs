using System.Globalization;

namespace Amani.Governance.Results.Pages;

/// <summary>How the results pages write numbers, periods and statuses (the texts themselves are translated in each view).</summary>
public static class ResultsFormat
{
    /// <summary>A value in the page's language, with at most two decimals (12 345,5 in French).</summary>
    public static string Number(double value) => value.ToString("#,0.##", CultureInfo.CurrentCulture);

    public static string Number(double? value) => value is { } v ? Number(v) : "—";

    /// <summary>A value and its unit ("12.5 %" or "42 incidents").</summary>
    public static string WithUnit(double value, string unit) => unit is "%" ? $"{Number(value)} %" : $"{Number(value)} {unit}".TrimEnd();

    /// <summary>A value with its unit and, when it was estimated from a sample, its 95 % interval: "62 % (55–69)".</summary>
    public static string WithInterval(double value, string unit, double? low, double? high) =>
        low is { } l && high is { } h ? $"{WithUnit(value, unit)} ({Number(l)}–{Number(h)})" : WithUnit(value, unit);

    /// <summary>The CSS class of a status badge (colour), always shown with the status in words.</summary>
    public static string StatusClass(IndicatorStatus status) => status switch
    {
        IndicatorStatus.OnTrack => "status-on-track",
        IndicatorStatus.AtRisk => "status-at-risk",
        IndicatorStatus.OffTrack => "status-off-track",
        IndicatorStatus.NoTarget => "status-no-target",
        _ => "status-no-data",
    };

    /// <summary>A date as ISO (yyyy-MM-dd), the same in every language.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Moment(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
