using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Users;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Audit;

/// <summary>
/// Security finding 12: someone who can write to the database, but does not hold the audit chain key, appends a row
/// and gives it the hash the chain's published rule yields (SHA-256 over the canonical content). With an unkeyed chain
/// that row verified, even against an anchor taken before it; with the keyed chain it is reported.
/// </summary>
[Collection(CliConsole.Name)]
public sealed class AppendedRowWithoutTheKeyIsDetectedTests
{
    /// <summary>How the forger labels the appended row.</summary>
    public enum Label
    {
        /// <summary>An unkeyed row, as written before the upgrade.</summary>
        Unkeyed,
        /// <summary>A keyed row with the tip's key id.</summary>
        KeyedWithTheKeyId,
        /// <summary>A keyed row with a key id of its own (which must not stop the nodes from starting).</summary>
        KeyedWithAnotherKeyId,
    }

    public static TheoryData<DatabaseProvider, Label> Cases()
    {
        var data = new TheoryData<DatabaseProvider, Label>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var label in Enum.GetValues<Label>())
                data.Add(provider, label);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task A_row_appended_with_a_recomputed_SHA_256_fails_verification_with_and_without_an_anchor(DatabaseProvider provider, Label label)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(3);
        var tip = (await database.RowsAsync())[^1];
        var anchor = $"{tip.Sequence}:{tip.Hash}";
        var forged = new AuditEntry
        {
            Sequence = tip.Sequence + 1, OccurredAt = AuditChain.Truncate(DateTime.UtcNow), Actor = "user:innocent",
            ActionCode = (int)AuditAction.RoleGranted, EntityType = "user", EntityId = "attacker", Summary = "Administrator role granted.",
            RequestId = "forged", PreviousHash = tip.Hash,
            HashScheme = label == Label.Unkeyed ? AuditHashScheme.Sha256 : AuditHashScheme.HmacSha256,
            KeyId = label switch { Label.Unkeyed => null, Label.KeyedWithTheKeyId => tip.KeyId, _ => "0123456789abcdef" },
        };
        forged.Hash = AuditChain.ComputeLegacyHash(forged);

        await database.InsertForgedAsync(forged);

        var reason = label switch
        {
            Label.Unkeyed => $"Audit row {forged.Sequence} is not sealed with the chain key, yet the rows are keyed from row 1 on",
            Label.KeyedWithTheKeyId => $"Audit row {forged.Sequence} was modified after it was written, or written by someone without the audit chain key",
            _ => $"Audit row {forged.Sequence} was sealed with another audit chain key (key id 0123456789abcdef; this key's id is {tip.KeyId})",
        };
        var plain = await CliConsole.VerifyAsync(database);
        Assert.True(plain.ExitCode == 1, plain.Output);
        Assert.Contains($"BROKEN at row {forged.Sequence}: {reason}", plain.Output);
        Assert.Contains($"last good row {tip.Sequence}, hash {tip.Hash}.", plain.Output);
        var anchored = await CliConsole.VerifyAsync(database, "--anchor", anchor);
        Assert.True(anchored.ExitCode == 1, anchored.Output);
        Assert.Contains($"BROKEN at row {forged.Sequence}: {reason}", anchored.Output);
    }
}
