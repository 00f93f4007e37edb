using System.Text.Json;
using Amani.Platform.Data;
using Amani.Platform.FollowUps;
using Amani.Platform.Measures;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Alerts;

/// <summary>
/// What the computed indicators may count of the early-warning alerts: the share resolved before their deadline and the
/// median hours to the first response, by the month (UTC) the alert was raised, its area (null for a mission-wide alert)
/// and its severity. False alarms count in neither (nothing was owed). "Before the deadline" is before the first one: an
/// escalation moves the deadline on, so an escalated alert has missed it. A public indicator counts public alerts only
/// (<see cref="Alert.IsPublic"/>, those the CAP feed may carry). Alerts are few: one row per alert. Changes are
/// announced when an alert is raised, moved, assigned or escalated; a deadline passing without escalation is caught by
/// the scheduled recomputation.
/// </summary>
public sealed class AlertMeasures(TimeProvider clock) : IMeasureSource
{
    public const string Name = "alerts";

    public static readonly Measure ResolvedBeforeDeadline = new("alerts.resolved-before-deadline", Name,
        new("Alerts resolved before their deadline", "Alertes résolues avant leur échéance"),
        new("Alerts raised in the period and resolved before their first deadline, divided by the alerts raised in the period that are resolved or whose first deadline has passed. False alarms are left out; a public indicator counts public alerts only.",
            "Alertes levées dans la période et résolues avant leur première échéance, divisées par les alertes levées dans la période qui sont résolues ou dont la première échéance est passée. Les fausses alertes sont exclues ; un indicateur public ne compte que les alertes publiques."),
        MeasureAggregation.Share, "share", "severity", []);

    public static readonly Measure HoursToResponse = new("alerts.hours-to-response", Name,
        new("Hours to the first response to an alert", "Heures jusqu'à la première réponse à une alerte"),
        new("Median of the hours from the raising of an alert to the first step people took on it (acknowledged, response started or an action recorded, resolved, declared a false alarm), over the alerts raised in the period that had one. A public indicator counts public alerts only.",
            "Médiane des heures entre la levée d'une alerte et la première mesure prise (accusé de réception, réponse engagée ou action enregistrée, résolution, fausse alerte déclarée), sur les alertes levées dans la période qui en ont eu une. Un indicateur public ne compte que les alertes publiques."),
        MeasureAggregation.Median, "hours", "severity", []);

    /// <summary>The steps of an alert's log that are a response by a person (not its raising, refresh, assignment or escalation).</summary>
    private static readonly AlertEventKind[] Responses =
        [AlertEventKind.Acknowledged, AlertEventKind.ResponseStarted, AlertEventKind.Action, AlertEventKind.Resolved, AlertEventKind.FalseAlarm];

    private readonly Dictionary<(Guid Mission, DateOnly From, DateOnly Until), IReadOnlyList<Row>> _read = [];

    public string Source => Name;

    public IReadOnlyList<Measure> Measures { get; } = [ResolvedBeforeDeadline, HoursToResponse];

    public async Task<IReadOnlyList<MeasureFact>> ReadAsync(AmaniDbContext db, Measure measure, MeasureRequest request, CancellationToken cancellationToken)
    {
        var rows = (await RowsAsync(db, request, cancellationToken)).Where(r => !request.PublicOnly || r.IsPublic);
        switch (measure.Key)
        {
            case "alerts.resolved-before-deadline":
                var now = clock.GetUtcNow().UtcDateTime;
                return rows.Where(r => r.Status != AlertStatus.FalseAlarm && (r.Status == AlertStatus.Resolved || r.EscalationLevel > 0 || r.DeadlineAt < now))
                    .GroupBy(r => (Month: MonthOf(r.RaisedAt), r.AreaId, r.Severity))
                    .Select(g => new MeasureFact(g.Key.Month, g.Key.AreaId, Group(g.Key.Severity), g.Count(OnTime), g.Count()))
                    .ToList();
            case "alerts.hours-to-response":
                return rows.Where(r => r.FirstResponseAt is not null)
                    .Select(r => new MeasureFact(MonthOf(r.RaisedAt), r.AreaId, Group(r.Severity), Math.Max(0, (r.FirstResponseAt!.Value - r.RaisedAt).TotalHours), 1))
                    .ToList();
            default:
                throw new ArgumentException($"The alerts do not compute '{measure.Key}'.", nameof(measure));
        }
    }

    private static bool OnTime(Row row) => row is { Status: AlertStatus.Resolved, EscalationLevel: 0, ClosedAt: { } closed } && closed <= row.DeadlineAt;

    /// <summary>The severity as the API writes it (<c>severe</c>).</summary>
    private static string Group(AlertSeverity severity) => JsonNamingPolicy.CamelCase.ConvertName(severity.ToString());

    private async Task<IReadOnlyList<Row>> RowsAsync(AmaniDbContext db, MeasureRequest request, CancellationToken cancellationToken)
    {
        var key = (request.MissionId, request.From, request.Until);
        if (_read.TryGetValue(key, out var known))
            return known;
        var from = request.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var until = request.Until.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var rows = await db.Set<Alert>().AsNoTracking()
            .Where(a => a.MissionId == request.MissionId && a.RaisedAt >= from && a.RaisedAt < until)
            .Select(a => new Row(a.RaisedAt, a.AreaId, a.Severity, a.IsPublic, a.Status, a.EscalationLevel, a.DeadlineAt, a.ClosedAt,
                db.Set<AlertEvent>().Where(e => e.AlertId == a.Id && Responses.Contains(e.Kind)).Min(e => (DateTime?)e.At)))
            .ToListAsync(cancellationToken);
        _read[key] = rows;
        return rows;
    }

    private static DateOnly MonthOf(DateTime time) => new(time.Year, time.Month, 1);

    /// <summary>
    /// Says, after the commit, that these alerts changed: their months raised, and the follow-ups (each alert's moves
    /// with it; any month, since its due date may have moved).
    /// </summary>
    public static void Announce(MeasureChanges changes, IEnumerable<Alert> alerts)
    {
        foreach (var (mission, month) in alerts.Select(a => (a.MissionId, MonthOf(a.RaisedAt))).Distinct())
            changes.Changed(mission, Name, month, month.AddMonths(1));
        foreach (var mission in alerts.Select(a => a.MissionId).Distinct())
            changes.Changed(mission, FollowUpMeasures.Name);
    }

    private sealed record Row(DateTime RaisedAt, Guid? AreaId, AlertSeverity Severity, bool IsPublic, AlertStatus Status, int EscalationLevel,
        DateTime DeadlineAt, DateTime? ClosedAt, DateTime? FirstResponseAt);
}
