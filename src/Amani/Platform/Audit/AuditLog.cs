using Amani.Platform.Data;

namespace Amani.Platform.Audit;

/// <summary>
/// Queues audit rows on the <see cref="AmaniDbContext"/>; they are chained and written by the same
/// <c>SaveChangesAsync</c> (and so the same transaction) as the change they describe.
/// </summary>
public sealed class AuditLog(AmaniDbContext db, AuditActor actor, TimeProvider clock)
{
    public void Record(AuditAction action, AuditEntity entity, object? entityId, string summary) =>
        db.QueueAudit(Create(action, entity, entityId, summary));

    /// <summary>
    /// An audit row for the current actor and request, not yet queued: for bulk writers that seal rows themselves
    /// (<see cref="AuditChain.SealAsync"/>) inside the transaction that writes the change.
    /// </summary>
    public AuditEntry Create(AuditAction action, AuditEntity entity, object? entityId, string summary) =>
        new()
        {
            OccurredAt = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime),
            Actor = actor.Actor,
            ActionCode = (int)action,
            EntityType = entity.Name,
            EntityId = entityId?.ToString(),
            Summary = summary,
            RequestId = actor.RequestId,
        };
}
