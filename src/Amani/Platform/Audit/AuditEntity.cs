namespace Amani.Platform.Audit;

/// <summary>
/// The kind of record an audit row is about, as stored in <see cref="AuditEntry.EntityType"/> (<c>incident</c>,
/// <c>community_report</c>, …). Declared once, on the record's own class (<c>Incident.AuditEntity</c>), so that no
/// writer spells it and the audit API's filter names the same thing everywhere.
/// </summary>
public readonly record struct AuditEntity(string Name)
{
    /// <summary>A user's account (<c>user</c>): named here because platform records are about users too (their notification preferences).</summary>
    public static AuditEntity User { get; } = new("user");

    public override string ToString() => Name;
}
