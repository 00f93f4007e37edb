namespace Amani.Analysis.Alerts;

/// <summary>What an alert rule measures. Names are stable: they are stored.</summary>
public enum AlertRuleKind
{
    /// <summary>Incidents in the last <c>windowDays</c> ≥ <c>threshold</c>.</summary>
    IncidentCount,
    /// <summary>Deaths (best estimate) in the last <c>windowDays</c> ≥ <c>threshold</c>.</summary>
    Fatalities,
    /// <summary>Incidents in the window ≥ <c>factor</c> × those in the previous window of equal length, and ≥ <c>minimumCount</c>.</summary>
    Trend,
    /// <summary>The latest forecast's probability of <c>forecastOutcome</c> next month ≥ <c>probability</c>.</summary>
    Forecast,
    /// <summary>Community reports in the window ≥ <c>factor</c> × the mean of the previous <c>baselineWindows</c> windows, and ≥ <c>minimumCount</c>.</summary>
    ReportSurge,
}

/// <summary>Severity, as CAP 1.2 names it. The deadline to respond follows from it.</summary>
public enum AlertSeverity { Minor, Moderate, Severe, Extreme }

/// <summary>
/// The life of an alert: <c>open → acknowledged → responding → resolved</c>, or <c>falseAlarm</c> from any state that
/// is not closed. The allowed moves are <see cref="AlertWorkflow"/>'s.
/// </summary>
public enum AlertStatus { Open, Acknowledged, Responding, Resolved, FalseAlarm }

/// <summary>The forecast outcomes a rule can watch: at least 1, 25 or 100 deaths in the area next month.</summary>
public enum ForecastOutcome { AtLeast1Death, AtLeast25Deaths, AtLeast100Deaths }

/// <summary>One entry of an alert's log: what happened to it, and the response actions people took.</summary>
public enum AlertEventKind { Raised, EvidenceRefreshed, Acknowledged, ResponseStarted, Action, Resolved, FalseAlarm, Assigned, Escalated }

/// <summary>Why a user was notified of an alert.</summary>
public enum AlertNotificationReason { Raised, Assigned, Escalated }
