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
    public static Notice For(Alert alert, AlertNotificationReason reason, string ruleName, string? areaName, string missionCode)
    {
        var (kind, subjectEn, subjectFr) = reason switch
        {
            AlertNotificationReason.Assigned => (NotificationKinds.AlertAssigned, "Alert assigned to you", "Alerte qui vous est assignée"),
            AlertNotificationReason.Escalated => (NotificationKinds.AlertEscalated,
                $"Alert escalated to {RoleWords.Display(alert.OwnerRole, french: false)} (level {alert.EscalationLevel})",
                $"Alerte escaladée : {RoleWords.Display(alert.OwnerRole, french: true)} (niveau {alert.EscalationLevel})"),
            _ => (NotificationKinds.AlertRaised, $"New {Severity(alert.Severity, false)} alert", $"Nouvelle alerte {Severity(alert.Severity, true)}"),
        };
        var deadline = alert.DeadlineAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var bodyEn = $"{alert.Headline}\n\nRule: {ruleName}\nArea: {areaName ?? "the whole mission"}\nMission: {missionCode}\n" +
                     $"Severity: {Severity(alert.Severity, false)}\nResponsible: {RoleWords.Display(alert.OwnerRole, false)}\nRespond by: {deadline} UTC";
        var bodyFr = $"{alert.Headline}\n\nRègle : {ruleName}\nZone : {areaName ?? "toute la mission"}\nMission : {missionCode}\n" +
                     $"Sévérité : {Severity(alert.Severity, true)}\nResponsable : {RoleWords.Display(alert.OwnerRole, true)}\nRépondre avant : {deadline} UTC";
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

/// <summary>Roles as people read them in notifications.</summary>
file static class RoleWords
{
    public static string Display(Role role, bool french) => (role, french) switch
    {
        (Role.Administrator, false) => "administrators",
        (Role.Analyst, false) => "analysts",
        (Role.DutyOfficer, false) => "duty officers",
        (Role.FieldOfficer, false) => "field officers",
        (Role.Partner, false) => "partners",
        (Role.Administrator, true) => "administrateurs",
        (Role.Analyst, true) => "analystes",
        (Role.DutyOfficer, true) => "officiers de permanence",
        (Role.FieldOfficer, true) => "agents de terrain",
        _ => "partenaires",
    };
}
