namespace Amani.Platform.Audit;

/// <summary>
/// One row of the tamper-evident audit log. <see cref="Hash"/> is SHA-256 over <see cref="PreviousHash"/> and this
/// row's canonical content (<see cref="AuditChain.ComputeHash"/>); <see cref="Sequence"/> has no gaps.
/// Rows are created by <see cref="AuditLog.Record"/> and sealed into the chain when the change is saved.
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    public DateTime OccurredAt { get; set; }
    /// <summary>Who acted: <c>user:{id}</c>, <c>token:{id}</c>, <c>cli:{name}</c>, <c>system</c> or <c>anonymous</c>.</summary>
    public required string Actor { get; set; }
    public int ActionCode { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public required string Summary { get; set; }
    public required string RequestId { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
