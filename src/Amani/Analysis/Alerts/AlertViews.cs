using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;
using Amani.Register.Reporting;

namespace Amani.Analysis.Alerts;

/// <summary>
/// Builds the answers about alerts. The evidence shows only the incidents the caller may see (the others are counted
/// in <c>incidentsNotShown</c>), and community report ids only to those who read reports.
/// </summary>
public static class AlertViews
{
    private sealed record Names(string RuleName, string? AreaPCode, string? AreaName);

    public static async Task<List<AlertSummary>> SummariesAsync(AmaniDbContext db, Mission mission, IReadOnlyList<Alert> alerts, DateTime now,
        CancellationToken cancellationToken)
    {
        var names = await NamesAsync(db, alerts, cancellationToken);
        return alerts.Select(a => Summary(mission, a, names[a.Id], now)).ToList();
    }

    public static async Task<AlertResponse> DetailAsync(AmaniDbContext db, AccessContext access, Mission mission, Alert alert, DateTime now,
        CancellationToken cancellationToken)
    {
        var names = (await NamesAsync(db, [alert], cancellationToken))[alert.Id];
        var evidence = AlertEvidence.FromJson(alert.EvidenceJson);
        var visible = evidence.IncidentIds.Count == 0 ? []
            : await (await IncidentVisibility.VisibleAsync(db, access, mission.Id, cancellationToken))
                .Where(i => evidence.IncidentIds.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken);
        var shown = evidence.IncidentIds.Where(visible.Contains).ToList();
        var readsReports = await access.HasAsync(Permission.ReportsRead, mission.Id, cancellationToken);
        var log = await db.Set<AlertEvent>().AsNoTracking().Where(e => e.AlertId == alert.Id).OrderBy(e => e.RecordedAt).ThenBy(e => e.Id)
            .Select(e => new AlertEventResponse(e.Id, e.Kind, e.FromStatus, e.ToStatus, e.Actor, e.ActorUserId, e.Text, e.At, e.RecordedAt))
            .ToListAsync(cancellationToken);
        var notifications = await db.Set<AlertNotification>().AsNoTracking().Where(n => n.AlertId == alert.Id).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Select(n => new AlertNotificationResponse(n.UserId, n.Reason, n.CreatedAt)).ToListAsync(cancellationToken);
        return new AlertResponse(
            alert.Id, mission.Code, alert.RuleId, names.RuleName, alert.Kind, alert.Severity, alert.Status, AlertWorkflow.NextFrom(alert.Status),
            names.AreaPCode, names.AreaName, alert.Headline, alert.Explanation,
            new AlertEvidenceResponse(evidence.EvaluatedAt, evidence.WindowStart, evidence.WindowDays, evidence.Observed, evidence.Threshold,
                evidence.Previous, evidence.Baseline, evidence.Factor, evidence.IncidentCount, shown, evidence.IncidentCount - shown.Count,
                evidence.ReportCount, readsReports ? evidence.ReportIds : [], evidence.Forecast),
            alert.OwnerUserId, alert.OwnerRole, alert.EscalationLevel, alert.DeadlineAt, alert.IsOverdue(now), alert.RaisedAt, alert.RefreshedAt,
            alert.AcknowledgedAt, alert.ClosedAt, alert.Outcome, alert.IsPublic, alert.Version, log, notifications);
    }

    private static AlertSummary Summary(Mission mission, Alert a, Names names, DateTime now) => new(
        a.Id, mission.Code, a.RuleId, names.RuleName, a.Kind, a.Severity, a.Status, names.AreaPCode, names.AreaName, a.Headline, a.Explanation,
        a.OwnerUserId, a.OwnerRole, a.EscalationLevel, a.DeadlineAt, a.IsOverdue(now), a.RaisedAt, a.RefreshedAt, a.IsPublic, a.Version);

    private static async Task<Dictionary<Guid, Names>> NamesAsync(AmaniDbContext db, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var ruleIds = alerts.Select(a => a.RuleId).Distinct().ToList();
        var areaIds = alerts.Where(a => a.AreaId != null).Select(a => a.AreaId!.Value).Distinct().ToList();
        var rules = await db.Set<AlertRule>().AsNoTracking().Where(r => ruleIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        var areas = await db.AdminAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => (a.PCode, a.Name), cancellationToken);
        return alerts.ToDictionary(a => a.Id, a =>
        {
            var area = a.AreaId is { } id ? areas[id] : ((string PCode, string Name)?)null;
            return new Names(rules[a.RuleId], area?.PCode, area?.Name);
        });
    }
}
