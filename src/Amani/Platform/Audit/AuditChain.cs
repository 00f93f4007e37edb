using System.Security.Cryptography;
using System.Text;
using System.Globalization;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Audit;

/// <summary>
/// The hash chain over <see cref="AuditEntry"/> rows: sealing new rows at the tip (serialised across processes) and
/// verifying the whole chain.
/// </summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Both databases keep microseconds; truncating first makes the hashed time survive the round trip.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    /// <summary>
    /// Gives pending rows their sequence numbers and hashes. Must run inside the transaction that saves them: it takes
    /// the append lock (PostgreSQL advisory transaction lock; SQLite's write transaction is already exclusive) and
    /// reads the current tip.
    /// </summary>
    public static async Task SealAsync(AmaniDbContext db, IReadOnlyList<AuditEntry> pending, CancellationToken cancellationToken)
    {
        await DatabaseLocks.AcquireAsync(db, DatabaseLocks.AuditAppend, cancellationToken);

        var tip = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = tip?.Sequence ?? 0;
        var previous = tip?.Hash ?? GenesisHash;
        foreach (var entry in pending)
        {
            entry.Sequence = ++sequence;
            entry.PreviousHash = previous;
            entry.Hash = previous = ComputeHash(entry);
        }
    }

    /// <summary>
    /// SHA-256 (lower-case hex) over the previous hash and the row's canonical content. The canonical form is fixed
    /// here, independent of any serializer's escaping rules that could change with a framework upgrade: each field on
    /// its own line as <c>{UTF-8 byte length}:{text}</c>, <c>~</c> for null, in this order: previous hash, sequence,
    /// time (<c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>), actor, action code, entity type, entity id, summary, request id.
    /// </summary>
    public static string ComputeHash(AuditEntry entry)
    {
        var canonical = new StringBuilder(256);
        foreach (var field in new[]
                 {
                     entry.PreviousHash,
                     entry.Sequence.ToString(CultureInfo.InvariantCulture),
                     entry.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                     entry.Actor,
                     entry.ActionCode.ToString(CultureInfo.InvariantCulture),
                     entry.EntityType,
                     entry.EntityId,
                     entry.Summary,
                     entry.RequestId,
                 })
            canonical.Append(field is null ? "~" : $"{Encoding.UTF8.GetByteCount(field)}:{field}").Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>Walks the chain in sequence order and reports the first row that breaks it.</summary>
    public static Task<AuditVerification> VerifyAsync(AmaniDbContext db, CancellationToken cancellationToken) =>
        VerifyAsync(db, null, cancellationToken);

    /// <summary>
    /// Walks the chain in sequence order and reports the first row that breaks it; with an <paramref name="anchor"/>,
    /// also reports the anchored row when it is missing (the tail was cut) or holds another hash (the chain was rewritten).
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(AmaniDbContext db, AuditAnchor? anchor, CancellationToken cancellationToken)
    {
        long lastGood = 0;
        var previous = GenesisHash;
        try
        {
            await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable()
                               .WithCancellation(cancellationToken))
            {
                if (ProblemWith(entry, lastGood + 1, previous, anchor) is { } problem)
                    return new AuditVerification(lastGood, lastGood, previous, new AuditBreak(entry.Sequence, $"Audit row {entry.Sequence} {problem}."));
                lastGood = entry.Sequence;
                previous = entry.Hash;
            }
        }
        catch (Exception e) when (e is FormatException or InvalidCastException)
        {
            // SQLite does not enforce column types: a value edited by hand may no longer read as its column's type.
            var unreadable = await db.AuditEntries.AsNoTracking().Where(x => x.Sequence > lastGood).OrderBy(x => x.Sequence)
                .Select(x => (long?)x.Sequence).FirstOrDefaultAsync(cancellationToken) ?? lastGood + 1;
            return new AuditVerification(lastGood, lastGood, previous,
                new AuditBreak(unreadable, $"Audit row {unreadable} was modified after it was written (a value no longer reads as its column's type: {e.Message})."));
        }
        var cutOff = anchor is not null && anchor.Sequence > lastGood
            ? new AuditBreak(anchor.Sequence, $"Audit row {anchor.Sequence} (the anchor) is missing: the log ends at row {lastGood}, so its tail was cut off.")
            : null;
        return new AuditVerification(lastGood, lastGood, previous, cutOff);
    }

    private static string? ProblemWith(AuditEntry entry, long expectedSequence, string previous, AuditAnchor? anchor) => entry switch
    {
        _ when entry.Sequence < expectedSequence => "is out of order (its sequence number repeats an earlier one)",
        _ when entry.Sequence > expectedSequence => $"follows a gap: row(s) {expectedSequence}–{entry.Sequence - 1} were deleted or renumbered",
        _ when entry.PreviousHash != previous => "does not link to the row before it (a row was deleted, inserted or reordered)",
        _ when ComputeHash(entry) != entry.Hash => "was modified after it was written (its content no longer matches its hash)",
        _ when entry.Sequence == anchor?.Sequence && entry.Hash != anchor.Hash =>
            $"has hash {entry.Hash}, not the anchored {anchor.Hash} (the log was rewritten up to this row)",
        _ => null,
    };
}

/// <summary>The result of verifying the chain: the rows that verified, the last good row and hash, and the first break.</summary>
public sealed record AuditVerification(long RowsVerified, long LastGoodSequence, string LastGoodHash, AuditBreak? FirstBreak)
{
    public bool IsIntact => FirstBreak is null;
}

public sealed record AuditBreak(long Sequence, string Reason);
