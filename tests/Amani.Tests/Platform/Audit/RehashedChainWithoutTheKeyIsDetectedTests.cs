using Amani.Platform.Audit;
using Amani.Platform.Cli;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Audit;

/// <summary>
/// Security finding 12: someone who can write to the database rewrites a row and then every hash after it, so that the
/// chain is consistent in itself. With an unkeyed chain that passed <c>audit verify</c> without an anchor; without the
/// key it no longer does, whichever rule the rewriter follows.
/// </summary>
[Collection(CliConsole.Name)]
public sealed class RehashedChainWithoutTheKeyIsDetectedTests
{
    public enum Rewrite
    {
        /// <summary>Every row relabelled as an unkeyed row of before the upgrade, with a fresh SHA-256 chain.</summary>
        AsUnkeyedRows,
        /// <summary>Rows still labelled keyed with the real key id, but hashed with SHA-256.</summary>
        AsKeyedRowsWithSha256,
        /// <summary>
        /// Rows sealed with a key of the rewriter's own, and its key id: no row is left that the real key sealed, so
        /// Amani stops at start (exit code 2) rather than verify, and says that the key is wrong or every keyed row was rewritten.
        /// </summary>
        WithAnotherKey,
    }

    public static TheoryData<DatabaseProvider, Rewrite> Cases()
    {
        var data = new TheoryData<DatabaseProvider, Rewrite>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var rewrite in Enum.GetValues<Rewrite>())
                data.Add(provider, rewrite);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task A_chain_rehashed_without_the_key_fails_verification_without_an_anchor(DatabaseProvider provider, Rewrite rewrite)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(4);
        var rows = await database.RowsAsync();
        var ownKey = AuditChainKey.Random("the rewriter's own key");

        rows[2].Summary = "Nothing happened here.";
        var previous = AuditChain.GenesisHash;
        foreach (var row in rows)
        {
            row.PreviousHash = previous;
            (row.HashScheme, row.KeyId) = rewrite switch
            {
                Rewrite.AsUnkeyedRows => (AuditHashScheme.Sha256, null),
                Rewrite.WithAnotherKey => (AuditHashScheme.HmacSha256, ownKey.KeyId),
                _ => (row.HashScheme, row.KeyId),
            };
            row.Hash = previous = rewrite == Rewrite.WithAnotherKey ? AuditChain.ComputeHash(row, ownKey) : AuditChain.ComputeLegacyHash(row);
            await database.RewriteAsync(row);
        }

        var run = await CliConsole.VerifyAsync(database);

        Assert.True(run.ExitCode == (rewrite == Rewrite.WithAnotherKey ? AmaniCli.InvalidSettingExitCode : 1), run.Output);
        Assert.Contains(rewrite switch
        {
            Rewrite.AsUnkeyedRows => $"BROKEN at row {rows.Count + 1}: Audit row {rows.Count + 1} is missing: none of the {rows.Count} row(s) " +
                                     "is sealed with the audit chain key",
            Rewrite.AsKeyedRowsWithSha256 => "BROKEN at row 1: Audit row 1 was modified after it was written, or written by someone without the audit chain key",
            _ => $"is not the key this database's audit log is sealed with: none of its keyed rows carries that id (the newest, row {rows.Count}, " +
                 $"carries key id {ownKey.KeyId}), so rows sealed with it would not verify. Give this node the key the other nodes use. If it is " +
                 "that key, every keyed row was rewritten with another key.",
        }, run.Output);
        Assert.DoesNotContain("OK:", run.Output);
    }
}
