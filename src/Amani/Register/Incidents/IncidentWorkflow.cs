namespace Amani.Register.Incidents;

/// <summary>
/// Allowed status moves. Triage decides between verified, rejected and duplicate; verified incidents are responded
/// to and closed. A rejected or duplicate incident can be reopened to triaged, and a closed one back to responding.
/// </summary>
public static class IncidentWorkflow
{
    private static readonly Dictionary<IncidentStatus, IncidentStatus[]> Moves = new()
    {
        [IncidentStatus.Reported] = [IncidentStatus.Triaged, IncidentStatus.Rejected, IncidentStatus.Duplicate],
        [IncidentStatus.Triaged] = [IncidentStatus.Verified, IncidentStatus.Rejected, IncidentStatus.Duplicate],
        [IncidentStatus.Verified] = [IncidentStatus.Responding, IncidentStatus.Closed],
        [IncidentStatus.Responding] = [IncidentStatus.Closed],
        [IncidentStatus.Rejected] = [IncidentStatus.Triaged, IncidentStatus.Closed],
        [IncidentStatus.Duplicate] = [IncidentStatus.Triaged, IncidentStatus.Closed],
        [IncidentStatus.Closed] = [IncidentStatus.Responding],
    };

    public static bool CanMove(IncidentStatus from, IncidentStatus to) => Moves[from].Contains(to);

    public static IReadOnlyList<IncidentStatus> NextFrom(IncidentStatus from) => Moves[from];
}
