using System.Security.Cryptography;
using System.Text;
using System.Globalization;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Audit;

/// <summary>
/// The hash chain over <see cref="AuditEntry"/> rows: sealing new rows at the tip (serialised across processes) with
/// the chain key, and verifying the whole chain. Rows written before schema version <see cref="KeyedSinceVersion"/>
/// keep their unkeyed SHA-256 (<see cref="AuditHashScheme.Sha256"/>); every row since is an HMAC under the chain key,
/// the first of them chaining onto the last unkeyed one.
/// </summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The schema version that keyed the chain; its upgrade's own audit row is the first keyed row.</summary>
    public const int KeyedSinceVersion = 23;

    /// <summary>Both databases keep microseconds; truncating first makes the hashed time survive the round trip.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    /// <summary>
    /// Gives pending rows their sequence numbers and keyed hashes. Must run inside the transaction that saves them: it
    /// takes the append lock (PostgreSQL advisory transaction lock; SQLite's write transaction is already exclusive)
    /// and reads the current tip.
    /// </summary>
    public static async Task SealAsync(AmaniDbContext db, IReadOnlyList<AuditEntry> pending, CancellationToken cancellationToken)
    {
        var key = db.AuditKey is { IsLoaded: true } loaded
            ? loaded
            : throw new InvalidOperationException(
                $"No audit row can be sealed: the audit chain key ({db.AuditKey?.Source ?? "none given"}) is not loaded. " +
                "The schema migrator loads or generates it at start-up (AuditChainKeys.PrepareAsync).");
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
            entry.HashScheme = AuditHashScheme.HmacSha256;
            entry.KeyId = key.KeyId;
            entry.Hash = previous = ComputeHash(entry, key);
        }
    }

    /// <summary>
    /// The keyed hash: HMAC-SHA256 under <paramref name="key"/> (lower-case hex) over the canonical content, which is
    /// that of <see cref="ComputeLegacyHash"/> preceded by two fields: the scheme's name (<c>HmacSha256</c>) and the
    /// row's key id. Only a holder of the key can make a row that verifies.
    /// </summary>
    public static string ComputeHash(AuditEntry entry, AuditChainKey key) =>
        key.Sign(Canonical(entry, [nameof(AuditHashScheme.HmacSha256), entry.KeyId]));

    /// <summary>
    /// The legacy, unkeyed hash of rows written before schema version 23: SHA-256 (lower-case hex) over the previous
    /// hash and the row's canonical content. The canonical form is fixed here, independent of any serializer's escaping
    /// rules that could change with a framework upgrade: each field on its own line as <c>{UTF-8 byte length}:{text}</c>,
    /// <c>~</c> for null, in this order: previous hash, sequence, time (<c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>), actor,
    /// action code, entity type, entity id, summary, request id. Anyone can recompute it: it shows accidents and
    /// careless edits, not a writer who recomputes it.
    /// </summary>
    public static string ComputeLegacyHash(AuditEntry entry) => Convert.ToHexStringLower(SHA256.HashData(Canonical(entry, [])));

    private static byte[] Canonical(AuditEntry entry, string?[] prefix)
    {
        var canonical = new StringBuilder(256);
        foreach (var field in prefix.Concat(
                 [
                     entry.PreviousHash,
                     entry.Sequence.ToString(CultureInfo.InvariantCulture),
                     entry.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                     entry.Actor,
                     entry.ActionCode.ToString(CultureInfo.InvariantCulture),
                     entry.EntityType,
                     entry.EntityId,
                     entry.Summary,
                     entry.RequestId,
                 ]))
            canonical.Append(field is null ? "~" : $"{Encoding.UTF8.GetByteCount(field)}:{field}").Append('\n');
        return Encoding.UTF8.GetBytes(canonical.ToString());
    }

    /// <summary>Walks the chain in sequence order and reports the first row that breaks it.</summary>
    public static Task<AuditVerification> VerifyAsync(AmaniDbContext db, CancellationToken cancellationToken) =>
        VerifyAsync(db, null, cancellationToken);

    /// <summary>
    /// Walks the chain in sequence order and reports the first row that breaks it: unkeyed rows by the legacy rule, as
    /// long as no keyed row came before them; keyed rows with the context's key. With an <paramref name="anchor"/>,
    /// also reports the anchored row when it is missing (the tail was cut) or holds another hash (the chain was rewritten).
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(AmaniDbContext db, AuditAnchor? anchor, CancellationToken cancellationToken)
    {
        var walk = new Walk(db.AuditKey is { IsLoaded: true } key ? key : null, anchor);
        try
        {
            await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable()
                               .WithCancellation(cancellationToken))
                if (walk.Step(entry) is { } problem)
                    return walk.Result(new AuditBreak(entry.Sequence, $"Audit row {entry.Sequence} {problem}."));
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or ArgumentException or InvalidOperationException)
        {
            // SQLite does not enforce column types, and a scheme is stored by name (EF Core throws InvalidOperationException
            // for a name the enum lacks): a value edited by hand may no longer read as its column's type.
            var unreadable = await db.AuditEntries.AsNoTracking().Where(x => x.Sequence > walk.LastGood).OrderBy(x => x.Sequence)
                .Select(x => (long?)x.Sequence).FirstOrDefaultAsync(cancellationToken) ?? walk.LastGood + 1;
            return walk.Result(new AuditBreak(unreadable,
                $"Audit row {unreadable} was modified after it was written (a value no longer reads as its column's type: {e.Message})."));
        }
        return walk.Result(walk.End());
    }

    /// <summary>The state of a verification: how far the chain holds, and where its keyed part begins.</summary>
    private sealed class Walk(AuditChainKey? key, AuditAnchor? anchor)
    {
        public long LastGood { get; private set; }
        private string _previous = GenesisHash;
        private long _legacyRows;
        private long? _firstKeyed;

        /// <summary>What is wrong with the next row, if anything (worded to follow "Audit row N").</summary>
        public string? Step(AuditEntry entry)
        {
            var expected = LastGood + 1;
            var problem = entry switch
            {
                _ when entry.Sequence < expected => "is out of order (its sequence number repeats an earlier one)",
                _ when entry.Sequence > expected => $"follows a gap: row(s) {expected}–{entry.Sequence - 1} were deleted or renumbered",
                _ when entry.PreviousHash != _previous => "does not link to the row before it (a row was deleted, inserted or reordered)",
                _ => HashProblem(entry),
            } ?? (entry.Sequence == anchor?.Sequence && entry.Hash != anchor.Hash
                ? $"has hash {entry.Hash}, not the anchored {anchor.Hash} (the log was rewritten up to this row)"
                : null);
            if (problem is not null)
                return problem;
            LastGood = entry.Sequence;
            _previous = entry.Hash;
            if (entry.HashScheme == AuditHashScheme.Sha256)
                _legacyRows++;
            else
                _firstKeyed ??= entry.Sequence;
            return null;
        }

        private string? HashProblem(AuditEntry entry) => entry.HashScheme switch
        {
            AuditHashScheme.Sha256 when _firstKeyed is { } keyedFrom =>
                $"is not sealed with the chain key, yet the rows are keyed from row {keyedFrom} on: someone without the key wrote or rewrote it",
            AuditHashScheme.Sha256 when ComputeLegacyHash(entry) != entry.Hash =>
                "was modified after it was written (its content no longer matches its hash)",
            AuditHashScheme.Sha256 => null,
            AuditHashScheme.HmacSha256 when key is null =>
                $"is sealed with the audit chain key (key id {entry.KeyId}), which this process does not have: it cannot be checked " +
                "(give it the key with AMANI_AUDIT_KEY or AMANI_AUDIT_KEY_FILE)",
            AuditHashScheme.HmacSha256 when entry.KeyId != key.KeyId =>
                $"was sealed with another audit chain key (key id {entry.KeyId ?? "none"}; this key's id is {key.KeyId}), or its key id was edited",
            AuditHashScheme.HmacSha256 when ComputeHash(entry, key) != entry.Hash =>
                "was modified after it was written, or written by someone without the audit chain key (its content does not match its keyed hash)",
            AuditHashScheme.HmacSha256 => null,
            _ => $"names an unknown hash scheme ({(int)entry.HashScheme}): it was modified after it was written",
        };

        /// <summary>What the whole walk shows once every row verified: a log without keyed rows, or an anchor beyond its end.</summary>
        public AuditBreak? End() => (LastGood, _firstKeyed, anchor) switch
        {
            ( > 0, null, _) => new AuditBreak(LastGood + 1,
                $"Audit row {LastGood + 1} is missing: none of the {LastGood} row(s) is sealed with the audit chain key, yet Amani has " +
                $"sealed every row with it since schema version {KeyedSinceVersion}, starting with that upgrade's own row, so the keyed " +
                "rows were cut off or the log was rewritten without the key."),
            (_, _, { } reached) when reached.Sequence > LastGood => new AuditBreak(reached.Sequence,
                $"Audit row {reached.Sequence} (the anchor) is missing: the log ends at row {LastGood}, so its tail was cut off."),
            _ => null,
        };

        public AuditVerification Result(AuditBreak? firstBreak) =>
            new(LastGood, LastGood, _previous, firstBreak, _legacyRows, _firstKeyed is null ? null : key?.KeyId);
    }
}

/// <summary>
/// The result of verifying the chain: the rows that verified, the last good row and hash, and the first break.
/// Of the rows verified, the first <see cref="LegacyRows"/> carry the legacy unkeyed hash; the others were checked
/// with the chain key named by <see cref="KeyId"/>.
/// </summary>
public sealed record AuditVerification(long RowsVerified, long LastGoodSequence, string LastGoodHash, AuditBreak? FirstBreak,
    long LegacyRows, string? KeyId)
{
    public bool IsIntact => FirstBreak is null;

    /// <summary>Rows verified with the chain key.</summary>
    public long KeyedRows => RowsVerified - LegacyRows;
}

public sealed record AuditBreak(long Sequence, string Reason);
