using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Audit;

/// <summary>
/// A log written before the chain was keyed (schema version 22) is upgraded in place: its rows stay as they are and
/// verify by the old rule, the upgrade's own row is the first keyed one and chains onto the last old row, and
/// <c>audit verify</c> reports both parts and what each proves.
/// </summary>
[Collection(CliConsole.Name)]
public sealed class LegacyChainUpgradesInPlaceTests
{
    private const int LegacyRows = 3;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Old_rows_keep_their_hashes_and_verify_new_rows_are_keyed_and_verify_reports_both_parts(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider, version: AuditChain.KeyedSinceVersion - 1);
        var legacy = await InsertLegacyRowsAsync(database);

        await database.UpgradeAsync();
        await database.RecordAsync(2);

        var rows = await database.RowsAsync();
        var key = database.Target.AuditKey!;
        Assert.Equal(LegacyRows + 3, rows.Count);
        Assert.Equivalent(legacy, rows.Take(LegacyRows), strict: true);
        Assert.All(rows.Take(LegacyRows), r => Assert.Equal((AuditHashScheme.Sha256, null), (r.HashScheme, r.KeyId)));
        Assert.All(rows.Skip(LegacyRows), r => Assert.Equal((AuditHashScheme.HmacSha256, key.KeyId), (r.HashScheme, r.KeyId)));
        Assert.Equal((int)AuditAction.SchemaMigrated, rows[LegacyRows].ActionCode);
        Assert.Equal(legacy[^1].Hash, rows[LegacyRows].PreviousHash);

        var verification = await database.VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstBreak?.Reason);
        Assert.Equal((6, 3, 3, key.KeyId), (verification.RowsVerified, verification.LegacyRows, verification.KeyedRows, verification.KeyId));

        var run = await CliConsole.VerifyAsync(database);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"OK: 6 row(s) verified; head row 6, hash {rows[^1].Hash}.", run.Output);
        Assert.Contains("Rows 1–3: written before the audit chain was keyed, with an unkeyed SHA-256. They are as they were when row 4 was sealed " +
                        "with the key (it covers their hashes), but anyone who could write to the database before then could have rewritten them", run.Output);
        Assert.Contains($"Rows 4–6: sealed with the audit chain key (key id {key.KeyId}). No row was changed, reordered, inserted or removed " +
                        "from the middle, and none was added at the end, by anyone without the key.", run.Output);
        Assert.Contains("Not proven: that no rows were removed from the end", run.Output);
        Assert.Contains("Not proven, ever: anything against someone who holds the audit chain key", run.Output);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Rewriting_the_old_rows_after_the_upgrade_is_detected_at_the_first_keyed_row(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider, version: AuditChain.KeyedSinceVersion - 1);
        await InsertLegacyRowsAsync(database);
        await database.UpgradeAsync();
        var rows = await database.RowsAsync();

        rows[1].Summary = "Nothing happened here.";
        for (var i = 1; i < LegacyRows; i++)
        {
            rows[i].PreviousHash = rows[i - 1].Hash;
            rows[i].Hash = AuditChain.ComputeLegacyHash(rows[i]);
            await database.RewriteAsync(rows[i]);
        }

        var verification = await database.VerifyAsync();
        Assert.Equal(LegacyRows + 1, verification.FirstBreak?.Sequence);
        Assert.Contains("does not link to the row before it", verification.FirstBreak!.Reason);
        Assert.Equal(LegacyRows, verification.LegacyRows);
    }

    /// <summary>Writes <see cref="LegacyRows"/> rows chained with the unkeyed SHA-256 into a database at schema version 22.</summary>
    private static async Task<List<AuditEntry>> InsertLegacyRowsAsync(AuditedDatabase database)
    {
        var rows = new List<AuditEntry>();
        var previous = AuditChain.GenesisHash;
        for (var sequence = 1; sequence <= LegacyRows; sequence++)
        {
            var row = new AuditEntry
            {
                Sequence = sequence, OccurredAt = AuditChain.Truncate(new DateTime(2026, 10, 1, 8, 0, sequence, DateTimeKind.Utc)),
                Actor = "cli:operator", ActionCode = (int)AuditAction.MissionUpdated, EntityType = "mission", EntityId = $"{sequence}",
                Summary = $"Change {sequence} before the upgrade — «unicode» kept.", RequestId = $"r{sequence}", PreviousHash = previous,
                HashScheme = AuditHashScheme.Sha256,
            };
            row.Hash = previous = AuditChain.ComputeLegacyHash(row);
            await database.InsertForgedAsync(row, scheme: false);
            rows.Add(row);
        }
        return rows;
    }
}
