using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Audit;

public sealed class DeletedRowIsDetectedTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Deleting_a_middle_row_is_reported_as_a_gap_at_the_row_after_it(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(5);
        var rows = await database.RowsAsync();

        Assert.Equal(1, await database.TamperAsync("DELETE FROM audit_entries WHERE sequence = 3"));

        var verification = await database.VerifyAsync();
        Assert.Equal(4, verification.FirstBreak?.Sequence);
        Assert.Contains("follows a gap: row(s) 3–3 were deleted", verification.FirstBreak!.Reason);
        Assert.Equal(2, verification.LastGoodSequence);
        Assert.Equal(rows[1].Hash, verification.LastGoodHash);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Deleting_a_middle_row_and_renumbering_the_rest_to_close_the_gap_is_detected(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(5);

        Assert.Equal(1, await database.TamperAsync("DELETE FROM audit_entries WHERE sequence = 3"));
        await database.RenumberAfterAsync(3, by: -1);

        var verification = await database.VerifyAsync();
        Assert.Equal(3, verification.FirstBreak?.Sequence);
        Assert.Contains("does not link to the row before it", verification.FirstBreak!.Reason);
        Assert.Equal(2, verification.RowsVerified);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Deleting_the_first_row_is_detected(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(2);

        Assert.Equal(1, await database.TamperAsync("DELETE FROM audit_entries WHERE sequence = 1"));

        var verification = await database.VerifyAsync();
        Assert.Equal(2, verification.FirstBreak?.Sequence);
        Assert.Equal(0, verification.RowsVerified);
        Assert.Equal("0000000000000000000000000000000000000000000000000000000000000000", verification.LastGoodHash);
    }
}
