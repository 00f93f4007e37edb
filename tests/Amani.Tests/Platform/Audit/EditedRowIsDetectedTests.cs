using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Audit;

public sealed class EditedRowIsDetectedTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Editing_one_row_in_the_database_file_by_hand_is_detected(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(5);
        var rows = await database.RowsAsync();
        Assert.True((await database.VerifyAsync()).IsIntact);

        Assert.Equal(1, await database.TamperAsync("UPDATE audit_entries SET summary = 'Nothing happened here.' WHERE sequence = 4"));

        var verification = await database.VerifyAsync();
        Assert.False(verification.IsIntact);
        Assert.Equal(4, verification.FirstBreak!.Sequence);
        Assert.Contains("Audit row 4 was modified", verification.FirstBreak.Reason);
        Assert.Equal(3, verification.RowsVerified);
        Assert.Equal(3, verification.LastGoodSequence);
        Assert.Equal(rows[2].Hash, verification.LastGoodHash);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Editing_a_row_and_recomputing_its_own_hash_even_with_the_key_breaks_the_link_of_the_next_row(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(5);
        var edited = (await database.RowsAsync())[3];
        edited.Actor = "user:someone-else";
        edited.Hash = AuditChain.ComputeHash(edited, database.Target.AuditKey!);

        Assert.Equal(1, await database.TamperAsync(
            $"UPDATE audit_entries SET actor = '{edited.Actor}', hash = '{edited.Hash}' WHERE sequence = {edited.Sequence}"));

        var verification = await database.VerifyAsync();
        Assert.Equal(edited.Sequence + 1, verification.FirstBreak?.Sequence);
        Assert.Contains("does not link to the row before it", verification.FirstBreak!.Reason);
        Assert.Equal(edited.Sequence, verification.LastGoodSequence);
    }
}
