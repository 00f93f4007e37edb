using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Audit;

public sealed class ReorderedRowsAreDetectedTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Swapping_two_rows_sequence_numbers_is_reported_at_the_earlier_of_them(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(5);

        await database.TamperAsync("UPDATE audit_entries SET sequence = -3 WHERE sequence = 3");
        await database.TamperAsync("UPDATE audit_entries SET sequence = 3 WHERE sequence = 5");
        await database.TamperAsync("UPDATE audit_entries SET sequence = 5 WHERE sequence = -3");

        var verification = await database.VerifyAsync();
        Assert.Equal(3, verification.FirstBreak?.Sequence);
        Assert.Contains("does not link to the row before it", verification.FirstBreak!.Reason);
        Assert.Equal(2, verification.RowsVerified);
    }
}
