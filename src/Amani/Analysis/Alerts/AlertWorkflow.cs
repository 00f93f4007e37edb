using Amani.Platform.Records;

namespace Amani.Analysis.Alerts;

/// <summary>
/// Allowed moves of an alert. An alert is acknowledged, then responded to, then resolved with an outcome; at any point
/// before it is closed it can be declared a false alarm (with the reason). Resolved and false alarms are final: if the
/// situation persists, the next evaluation raises a new alert.
/// </summary>
public static class AlertWorkflow
{
    /// <summary>A false alarm takes a reason; resolving takes an outcome and a recorded action (checked by <see cref="AlertResponder"/>).</summary>
    public static Workflow<AlertStatus> Moves { get; } = Workflow<AlertStatus>.Define(Platform.Access.Permission.AlertsRespond)
        .From(AlertStatus.Open).To(AlertStatus.Acknowledged).ToWithReason(AlertStatus.FalseAlarm)
        .From(AlertStatus.Acknowledged).To(AlertStatus.Responding).ToWithReason(AlertStatus.FalseAlarm)
        .From(AlertStatus.Responding).To(AlertStatus.Resolved).ToWithReason(AlertStatus.FalseAlarm)
        .From(AlertStatus.Resolved).Final()
        .From(AlertStatus.FalseAlarm).Final()
        .Build();

    public static bool CanMove(AlertStatus from, AlertStatus to) => Moves.CanMove(from, to);

    public static IReadOnlyList<AlertStatus> NextFrom(AlertStatus from) => Moves.NextFrom(from);

    /// <summary>
    /// Who takes over when an overdue alert escalates: field officer → duty officer → analyst → administrator.
    /// Null at the top of the chain (administrators), or for a role outside it (partners, and roles other modules declare).
    /// </summary>
    public static Platform.Access.Role? EscalatesTo(Platform.Access.Role role) =>
        role == Platform.Access.Role.FieldOfficer ? Platform.Access.Role.DutyOfficer
        : role == Platform.Access.Role.DutyOfficer ? Platform.Access.Role.Analyst
        : role == Platform.Access.Role.Analyst ? Platform.Access.Role.Administrator
        : null;
}
