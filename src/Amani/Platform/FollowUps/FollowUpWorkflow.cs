using Amani.Platform.Records;

namespace Amani.Platform.FollowUps;

/// <summary>
/// The life of a follow-up: open ⇄ in progress → done or dropped (dropping needs a reason); a done or dropped follow-up can
/// be reopened with a reason (the commitment was not kept after all, or it matters again).
/// </summary>
public static class FollowUpWorkflow
{
    public static Workflow<FollowUpStatus> Moves { get; } = Workflow<FollowUpStatus>.Define(Access.Permission.FollowUpsUpdate)
        .From(FollowUpStatus.Open).To(FollowUpStatus.InProgress, FollowUpStatus.Done).ToWithReason(FollowUpStatus.Dropped)
        .From(FollowUpStatus.InProgress).To(FollowUpStatus.Done, FollowUpStatus.Open).ToWithReason(FollowUpStatus.Dropped)
        .From(FollowUpStatus.Done).ToWithReason(FollowUpStatus.Open)
        .From(FollowUpStatus.Dropped).ToWithReason(FollowUpStatus.Open)
        .Build();
}
