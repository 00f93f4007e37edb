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
    public static TheoryData<DatabaseProvider, bool> Cases()
    {
        var data = new TheoryData<DatabaseProvider, bool>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var markedAsKeyed in new[] { true, false })
                data.Add(provider, markedAsKeyed);
        return data;
    }

    /// <param name="markedAsKeyed">The forger labels the row as keyed, with the tip's key id (else as an unkeyed row).</param>
    [Theory, MemberData(nameof(Cases))]
    public async Task A_row_appended_with_a_recomputed_SHA_256_fails_verification_with_and_without_an_anchor(DatabaseProvider provider,
        bool markedAsKeyed)
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
            HashScheme = markedAsKeyed ? AuditHashScheme.HmacSha256 : AuditHashScheme.Sha256, KeyId = markedAsKeyed ? tip.KeyId : null,
        };
        forged.Hash = AuditChain.ComputeLegacyHash(forged);

        await database.InsertForgedAsync(forged);

        var reason = markedAsKeyed
            ? $"Audit row {forged.Sequence} was modified after it was written, or written by someone without the audit chain key"
            : $"Audit row {forged.Sequence} is not sealed with the chain key, yet the rows are keyed from row 1 on";
        var plain = await CliConsole.VerifyAsync(database);
        Assert.True(plain.ExitCode == 1, plain.Output);
        Assert.Contains($"BROKEN at row {forged.Sequence}: {reason}", plain.Output);
        Assert.Contains($"last good row {tip.Sequence}, hash {tip.Hash}.", plain.Output);
        var anchored = await CliConsole.VerifyAsync(database, "--anchor", anchor);
        Assert.True(anchored.ExitCode == 1, anchored.Output);
        Assert.Contains($"BROKEN at row {forged.Sequence}: {reason}", anchored.Output);
    }
}
