using Amani.Platform.Notifications;
using System.Globalization;
using Amani.Platform.Access;
using Amani.Analysis.Alerts;

namespace Amani.Analysis.Alerts;

/// <summary>
/// The notification texts of alerts, built from the alert's headline, severity, deadline and level, its rule's name,
/// its area's name and its mission's code only — never from the evidence's reports, so never from a reporter's identity.
/// </summary>
public static class AlertNotices
{
    private static readonly CultureInfo English = new("en"), French = new("fr");

    public static Notice For(Alert alert, AlertNotificationReason reason, string ruleName, string? areaName, string missionCode)
    {
        var (kind, subjectEn, subjectFr) = reason switch
        {
            AlertNotificationReason.Assigned => (NotificationKinds.AlertAssigned, "Alert assigned to you", "Alerte qui vous est assignée"),
            AlertNotificationReason.Escalated => (NotificationKinds.AlertEscalated,
                $"Alert escalated to {alert.OwnerRole.Many(English)} (level {alert.EscalationLevel})",
                $"Alerte escaladée : {alert.OwnerRole.Many(French)} (niveau {alert.EscalationLevel})"),
            _ => (NotificationKinds.AlertRaised, $"New {Severity(alert.Severity, false)} alert", $"Nouvelle alerte {Severity(alert.Severity, true)}"),
        };
        var deadline = alert.DeadlineAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var bodyEn = $"{alert.Headline}\n\nRule: {ruleName}\nArea: {areaName ?? "the whole mission"}\nMission: {missionCode}\n" +
                     $"Severity: {Severity(alert.Severity, false)}\nResponsible: {alert.OwnerRole.Many(English)}\nRespond by: {deadline} UTC";
        var bodyFr = $"{alert.Headline}\n\nRègle : {ruleName}\nZone : {areaName ?? "toute la mission"}\nMission : {missionCode}\n" +
                     $"Sévérité : {Severity(alert.Severity, true)}\nResponsable : {alert.OwnerRole.Many(French)}\nRépondre avant : {deadline} UTC";
        return new Notice(kind, new LocalizedText($"{subjectEn} – {missionCode}: {alert.Headline}", $"{subjectFr} – {missionCode} : {alert.Headline}"),
            new LocalizedText(bodyEn, bodyFr), $"/missions/{Uri.EscapeDataString(missionCode)}/alerts?alert={alert.Id}");
    }

    private static string Severity(AlertSeverity severity, bool french) => (severity, french) switch
    {
        (AlertSeverity.Minor, false) => "minor",
        (AlertSeverity.Moderate, false) => "moderate",
        (AlertSeverity.Severe, false) => "severe",
        (AlertSeverity.Extreme, false) => "extreme",
        (AlertSeverity.Minor, true) => "mineure",
        (AlertSeverity.Moderate, true) => "modérée",
        (AlertSeverity.Severe, true) => "grave",
        _ => "extrême",
    };
}

