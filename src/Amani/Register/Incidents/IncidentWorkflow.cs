using Amani.Platform.Records;

namespace Amani.Register.Incidents;

/// <summary>
/// Allowed status moves. Triage decides between verified, rejected and duplicate; verified incidents are responded
/// to and closed. A rejected or duplicate incident can be reopened to triaged, and a closed one back to responding.
/// </summary>
public static class IncidentWorkflow
{
    /// <summary>Every move of an incident's status takes a reason (the transition request requires one).</summary>
    public static Workflow<IncidentStatus> Moves { get; } = Workflow<IncidentStatus>.Define(Platform.Access.Permission.IncidentsTriage)
        .From(IncidentStatus.Reported).ToWithReason(IncidentStatus.Triaged, IncidentStatus.Rejected, IncidentStatus.Duplicate)
        .From(IncidentStatus.Triaged).ToWithReason(IncidentStatus.Verified, IncidentStatus.Rejected, IncidentStatus.Duplicate)
        .From(IncidentStatus.Verified).ToWithReason(IncidentStatus.Responding, IncidentStatus.Closed)
        .From(IncidentStatus.Responding).ToWithReason(IncidentStatus.Closed)
        .From(IncidentStatus.Rejected).ToWithReason(IncidentStatus.Triaged, IncidentStatus.Closed)
        .From(IncidentStatus.Duplicate).ToWithReason(IncidentStatus.Triaged, IncidentStatus.Closed)
        .From(IncidentStatus.Closed).ToWithReason(IncidentStatus.Responding)
        .Build();

    public static bool CanMove(IncidentStatus from, IncidentStatus to) => Moves.CanMove(from, to);

    public static IReadOnlyList<IncidentStatus> NextFrom(IncidentStatus from) => Moves.NextFrom(from);
}
