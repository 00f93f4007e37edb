using System.Globalization;
using Amani.Platform.Notifications;

namespace Amani.Platform.FollowUps;

/// <summary>
/// The notification texts of follow-ups: built from the follow-up's title, due date, level and module and the mission's
/// code only — never from the record it follows, so never from a reporter's or complainant's identity.
/// </summary>
public static class FollowUpNotices
{
    public static Notice Reminder(FollowUp followUp, string missionCode) => new(NotificationKinds.FollowUpReminder,
        new LocalizedText($"Due {Due(followUp)} UTC – {missionCode}: {followUp.Title}", $"Échéance {Due(followUp)} UTC – {missionCode} : {followUp.Title}"),
        new LocalizedText(
            $"{followUp.Title}\n\nMission: {missionCode}\nModule: {followUp.Module}\nDue: {Due(followUp)} UTC\nProgress: {followUp.Progress} %\n\n" +
            "Record progress or evidence, or mark it done, in Amani.",
            $"{followUp.Title}\n\nMission : {missionCode}\nModule : {followUp.Module}\nÉchéance : {Due(followUp)} UTC\nAvancement : {followUp.Progress} %\n\n" +
            "Indiquez l'avancement ou une preuve, ou marquez-le comme fait, dans Amani."),
        Link(followUp, missionCode));

    public static Notice Overdue(FollowUp followUp, string missionCode) => new(NotificationKinds.FollowUpOverdue,
        new LocalizedText($"Overdue (level {followUp.EscalationLevel}) – {missionCode}: {followUp.Title}",
            $"En retard (niveau {followUp.EscalationLevel}) – {missionCode} : {followUp.Title}"),
        new LocalizedText(
            $"{followUp.Title}\n\nMission: {missionCode}\nModule: {followUp.Module}\nWas due: {Due(followUp)} UTC\nProgress: {followUp.Progress} %\n" +
            $"Escalation level: {followUp.EscalationLevel}\n\nThis follow-up is past its due date and not done.",
            $"{followUp.Title}\n\nMission : {missionCode}\nModule : {followUp.Module}\nÉchéance passée : {Due(followUp)} UTC\nAvancement : {followUp.Progress} %\n" +
            $"Niveau d'escalade : {followUp.EscalationLevel}\n\nCe suivi a dépassé son échéance et n'est pas fait."),
        Link(followUp, missionCode));

    private static string Due(FollowUp followUp) => followUp.DueAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Link(FollowUp followUp, string missionCode) => $"/missions/{Uri.EscapeDataString(missionCode)}/follow-ups/{followUp.Id}";
}
