using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Audit;

[Collection(CliConsole.Name)]
public sealed class AuditVerifyAnchorTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_cut_off_tail_verifies_on_its_own_but_not_against_an_anchor_beyond_it(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(4);
        var head = (await database.RowsAsync())[^1];
        var anchor = $"{head.Sequence}:{head.Hash}";
        var reached = await CliConsole.VerifyAsync(database, "--anchor", anchor);
        Assert.True(reached.ExitCode == 0, reached.Output);
        Assert.Contains($"The log still holds the anchored row {head.Sequence} with its hash.", reached.Output);

        Assert.Equal(2, await database.TamperAsync($"DELETE FROM audit_entries WHERE sequence >= {head.Sequence - 1}"));

        Assert.Equal(0, (await CliConsole.VerifyAsync(database)).ExitCode);
        var run = await CliConsole.VerifyAsync(database, "--anchor", anchor);
        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains($"BROKEN at row {head.Sequence}: Audit row {head.Sequence} (the anchor) is missing: the log ends at row {head.Sequence - 2}", run.Output);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_chain_rewritten_by_someone_with_the_key_verifies_on_its_own_but_not_against_an_anchor(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(4);
        var rows = await database.RowsAsync();
        var anchor = $"{rows[3].Sequence}:{rows[3].Hash}";

        rows[1].Summary = "A harmless change.";
        for (var i = 1; i < rows.Count; i++)
        {
            rows[i].PreviousHash = rows[i - 1].Hash;
            rows[i].Hash = AuditChain.ComputeHash(rows[i], database.Target.AuditKey!);
            await database.TamperAsync($"UPDATE audit_entries SET summary = '{rows[i].Summary}', previous_hash = '{rows[i].PreviousHash}', " +
                                       $"hash = '{rows[i].Hash}' WHERE sequence = {rows[i].Sequence}");
        }

        Assert.Equal(0, (await CliConsole.VerifyAsync(database)).ExitCode);
        var run = await CliConsole.VerifyAsync(database, "--anchor", anchor);
        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains($"BROKEN at row 4: Audit row 4 has hash {rows[3].Hash}, not the anchored", run.Output);
        Assert.Contains("3 row(s) verified before it", run.Output);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_anchor_that_is_not_SEQ_colon_HASH_is_refused(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);

        var run = await CliConsole.VerifyAsync(database, "--anchor", "1:not-a-hash");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--anchor takes SEQ:HASH", run.Output);
    }

    [Theory]
    [InlineData("7:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", 7L)]
    [InlineData(" 12:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ", 12L)]
    [InlineData("0:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", null)]
    [InlineData("-1:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", null)]
    [InlineData("7:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0", null)]
    [InlineData("7", null)]
    [InlineData("7:abc:def", null)]
    public void Anchors_parse_as_a_positive_sequence_and_64_hex_digits(string text, long? sequence)
    {
        var anchor = AuditAnchor.TryParse(text);

        Assert.Equal(sequence, anchor?.Sequence);
        if (anchor is not null)
            Assert.Equal("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", anchor.Hash);
    }
}
