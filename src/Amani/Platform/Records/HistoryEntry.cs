using Amani.Platform.Audit;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Platform.Records;

/// <summary>
/// One shape for the history of every mission record (incidents, alerts, follow-ups, and the governance records after
/// them): what moved (<see cref="FromStatus"/> → <see cref="ToStatus"/>; both null for an entry that is not a move, such
/// as an assignment or an action taken), who did it (the actor as the audit log names it, and the user when a person
/// acted), why or what (<see cref="Text"/>: the reason a move required, or what happened), and when. A module derives its
/// table's entity from it, adds the key of its record (and, when it logs more than moves, a kind), and configures it
/// with <see cref="HistoryEntryConfiguration.IsHistory{TEntry, TStatus}"/>. The audit log stays the tamper-evident record;
/// the history is what the record's page and API show.
/// </summary>
public abstract class HistoryEntry<TStatus> where TStatus : struct, Enum
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public TStatus? FromStatus { get; set; }
    public TStatus? ToStatus { get; set; }
    /// <summary>The actor as the audit log names it (<c>user:{id}</c>, <c>system</c>, <c>cli</c> …).</summary>
    public required string Actor { get; set; }
    /// <summary>The user who acted, when a person did.</summary>
    public Guid? ActorUserId { get; set; }
    public required string Text { get; set; }
    public DateTime At { get; set; }

    /// <summary>The user acting in the current scope (<c>user:{id}</c>, also through a token), if a person is.</summary>
    public static Guid? UserOf(AuditActor actor) =>
        actor.Actor.StartsWith("user:", StringComparison.Ordinal) && Guid.TryParse(actor.Actor["user:".Length..].Split(' ')[0], out var id) ? id : null;
}

public static class HistoryEntryConfiguration
{
    /// <summary>The longest actor name (<c>user:{id}</c>, <c>token:{id}</c>, …) and status name stored.</summary>
    public const int ActorLength = 200, StatusLength = 24;

    /// <summary>The shared columns' limits; the module adds its table, its record's key and index.</summary>
    public static EntityTypeBuilder<TEntry> IsHistory<TEntry, TStatus>(this EntityTypeBuilder<TEntry> entry, int textLength)
        where TEntry : HistoryEntry<TStatus> where TStatus : struct, Enum
    {
        entry.Property(e => e.Actor).HasMaxLength(ActorLength);
        entry.Property(e => e.Text).HasMaxLength(textLength);
        entry.Property(e => e.FromStatus).HasMaxLength(StatusLength);
        entry.Property(e => e.ToStatus).HasMaxLength(StatusLength);
        return entry;
    }
}
