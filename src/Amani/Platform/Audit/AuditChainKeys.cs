using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Amani.Platform.Audit;

/// <summary>
/// Where the audit chain key comes from, and the check at start-up that it is the key of this database's chain.
/// </summary>
public static class AuditChainKeys
{
    public const string KeyVariable = "AMANI_AUDIT_KEY";
    public const string KeyFileVariable = "AMANI_AUDIT_KEY_FILE";

    /// <summary>The key file used when neither variable is set: <c>{data dir}/audit.key</c>.</summary>
    public const string DefaultFileName = "audit.key";

    /// <summary>
    /// The key of a command: <c>AMANI_AUDIT_KEY</c>, else the file <c>AMANI_AUDIT_KEY_FILE</c> names, else
    /// <c>{data dir}/audit.key</c> — read now when it exists, else to be generated at the first start. Both variables
    /// were checked by the settings (<see cref="Hosting.AmaniSettings"/>); a default key file that holds no key throws
    /// <see cref="OptionsValidationException"/>.
    /// </summary>
    public static AuditChainKey Resolve(string? key, string? keyFile, string dataDirectory)
    {
        if (key is not null)
            return AuditChainKey.FromText(key, KeyVariable) ?? throw Refused($"{KeyVariable} is not valid: it accepts {AuditChainKey.Accepts}.");
        if (keyFile is not null)
            return ReadFile(keyFile, $"{KeyFileVariable} ({Path.GetFullPath(keyFile)})")
                   ?? throw Refused($"{KeyFileVariable} is not valid: it accepts the path of a readable file holding {AuditChainKey.Accepts}.");
        var path = Path.Combine(dataDirectory, DefaultFileName);
        if (!File.Exists(path))
            return AuditChainKey.ToGenerate(path);
        return ReadFile(path, $"the key file {path}")
               ?? throw Refused($"The audit chain key file {path} holds no valid key: it accepts {AuditChainKey.Accepts}. " +
                                $"Restore the key this database was sealed with, or set {KeyVariable} or {KeyFileVariable}.");
    }

    /// <summary>The key in the file at <paramref name="path"/>; null when it cannot be read or holds no valid key.</summary>
    public static AuditChainKey? ReadFile(string path, string source)
    {
        try
        {
            return AuditChainKey.FromText(File.ReadAllText(path), source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Checks, before anything is written, that <paramref name="key"/> is the key this database's audit chain is sealed
    /// with, and generates a pending default key file when the database holds no keyed row. Refuses
    /// (<see cref="OptionsValidationException"/>, which stops the command with exit code 2) a missing key when keyed rows
    /// exist, and a key that sealed none of them: a node with it would write rows that do not verify. A key that sealed
    /// earlier rows but not the newest is accepted — someone wrote that row without the key, which <c>audit verify</c>
    /// reports — so that one forged row cannot stop every node. Runs under the schema migrator's lock, so that nodes
    /// starting together on a new database do not each generate a key of their own: the second finds the first one's
    /// keyed row. <paramref name="version"/> is the schema version before the upgrade.
    /// </summary>
    public static async Task PrepareAsync(AmaniDbContext db, AuditChainKey? key, int version, CancellationToken cancellationToken)
    {
        if (key is null)
            throw new InvalidOperationException($"The database target has no audit chain key: {nameof(DatabaseTarget)}.{nameof(DatabaseTarget.AuditKey)} is not set.");
        var keyed = db.AuditEntries.AsNoTracking().Where(e => e.HashScheme == AuditHashScheme.HmacSha256);
        var newest = version < AuditChain.KeyedSinceVersion
            ? null
            : await keyed.OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.KeyId }).FirstOrDefaultAsync(cancellationToken);
        if (newest is null)
        {
            if (!key.IsLoaded)
                key.Generate();
            return;
        }
        if (!key.IsLoaded)
            throw Refused($"This database's audit log is sealed with an audit chain key (key id {newest.KeyId}, newest keyed row {newest.Sequence}), " +
                          $"and this node has none: neither {KeyVariable} nor {KeyFileVariable} is set and {key.FileToCreate} does not exist. " +
                          "Give it the key the database was sealed with (every node needs the same key); without it Amani can neither add to the " +
                          "log nor verify it.");
        if (newest.KeyId != key.KeyId && !await keyed.AnyAsync(e => e.KeyId == key.KeyId, cancellationToken))
            throw Refused($"The audit chain key from {key.Source} (key id {key.KeyId}) is not the key this database's audit log is sealed with: " +
                          $"none of its keyed rows carries that id (the newest, row {newest.Sequence}, carries key id {newest.KeyId}), so rows " +
                          "sealed with it would not verify. Give this node the key the other nodes use. If it is that key, every keyed row was " +
                          "rewritten with another key.");
    }

    private static OptionsValidationException Refused(string message) =>
        new(nameof(AuditChainKey), typeof(AuditChainKey), [message]);
}
