namespace Amani.Analysis.Alerts;

/// <summary>
/// Allowed moves of an alert. An alert is acknowledged, then responded to, then resolved with an outcome; at any point
/// before it is closed it can be declared a false alarm (with the reason). Resolved and false alarms are final: if the
/// situation persists, the next evaluation raises a new alert.
/// </summary>
public static class AlertWorkflow
{
    private static readonly Dictionary<AlertStatus, AlertStatus[]> Moves = new()
    {
        [AlertStatus.Open] = [AlertStatus.Acknowledged, AlertStatus.FalseAlarm],
        [AlertStatus.Acknowledged] = [AlertStatus.Responding, AlertStatus.FalseAlarm],
        [AlertStatus.Responding] = [AlertStatus.Resolved, AlertStatus.FalseAlarm],
        [AlertStatus.Resolved] = [],
        [AlertStatus.FalseAlarm] = [],
    };

    public static bool CanMove(AlertStatus from, AlertStatus to) => Moves[from].Contains(to);

    public static IReadOnlyList<AlertStatus> NextFrom(AlertStatus from) => Moves[from];

    /// <summary>
    /// Who takes over when an overdue alert escalates: field officer → duty officer → analyst → administrator.
    /// Null at the top of the chain (administrators), or for a role outside it.
    /// </summary>
    public static Platform.Access.Role? EscalatesTo(Platform.Access.Role role) => role switch
    {
        Platform.Access.Role.FieldOfficer => Platform.Access.Role.DutyOfficer,
        Platform.Access.Role.DutyOfficer => Platform.Access.Role.Analyst,
        Platform.Access.Role.Analyst => Platform.Access.Role.Administrator,
        _ => null,
    };
}
