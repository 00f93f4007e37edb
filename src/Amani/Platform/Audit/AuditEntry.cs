namespace Amani.Platform.Audit;

/// <summary>
/// One row of the tamper-evident audit log. <see cref="Hash"/> covers <see cref="PreviousHash"/> and this row's
/// canonical content, by the rule <see cref="HashScheme"/> names (<see cref="AuditChain.ComputeHash(AuditEntry, AuditChainKey)"/>);
/// <see cref="Sequence"/> has no gaps. Rows are created by <see cref="AuditLog.Record"/> and sealed into the chain when
/// the change is saved.
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
    /// <summary>How <see cref="Hash"/> was made: keyed for every row written since schema version 23.</summary>
    public AuditHashScheme HashScheme { get; set; }
    /// <summary>The <see cref="AuditChainKey.KeyId"/> of the key a keyed row was sealed with; null for a legacy row.</summary>
    public string? KeyId { get; set; }
}

/// <summary>How an audit row's hash was made (stored by name).</summary>
public enum AuditHashScheme
{
    /// <summary>Rows written before schema version 23: SHA-256 without a key, which anyone can recompute.</summary>
    Sha256 = 1,
    /// <summary>HMAC-SHA256 with the audit chain key, which only a holder of the key can compute.</summary>
    HmacSha256 = 2,
}
