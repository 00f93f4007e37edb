using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Audit;

[Collection(CliConsole.Name)]
public sealed class AuditVerifyCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Audit_verify_exits_0_on_an_intact_chain_and_prints_the_head(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(4);
        var head = (await database.RowsAsync())[^1];

        var run = await CliConsole.VerifyAsync(database);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"OK: {head.Sequence} row(s) verified; head row {head.Sequence}, hash {head.Hash}.", run.Output);
        Assert.Contains($"--anchor {head.Sequence}:{head.Hash}", run.Output);
        Assert.DoesNotContain("BROKEN", run.Output);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Audit_verify_exits_1_on_a_broken_chain_and_names_the_first_broken_row(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(4);
        var rows = await database.RowsAsync();
        Assert.Equal(1, await database.TamperAsync("UPDATE audit_entries SET entity_id = 'someone-else' WHERE sequence = 3"));

        var run = await CliConsole.VerifyAsync(database);

        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains("BROKEN at row 3: Audit row 3 was modified", run.Output);
        Assert.Contains($"2 row(s) verified before it; last good row 2, hash {rows[1].Hash}.", run.Output);
        Assert.DoesNotContain("OK:", run.Output);
    }
}
