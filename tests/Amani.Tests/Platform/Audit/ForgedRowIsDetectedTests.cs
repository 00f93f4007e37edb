using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;
using Amani.Foundation.Users;

namespace Amani.Tests.Platform.Audit;

public sealed class ForgedRowIsDetectedTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_row_appended_with_a_made_up_hash_is_detected(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(3);
        var tip = (await database.RowsAsync())[^1];

        await database.InsertForgedAsync(Forged(tip.Sequence + 1, previousHash: tip.Hash, hash: new string('f', 64), tip.KeyId));

        var verification = await database.VerifyAsync();
        Assert.Equal(tip.Sequence + 1, verification.FirstBreak?.Sequence);
        Assert.Contains("written by someone without the audit chain key", verification.FirstBreak!.Reason);
        Assert.Equal(tip.Sequence, verification.LastGoodSequence);
        Assert.Equal(tip.Hash, verification.LastGoodHash);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_row_slipped_into_the_middle_even_with_the_key_breaks_the_link_of_the_row_after_it(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(5);
        var third = (await database.RowsAsync())[2];
        var forged = Forged(4, previousHash: third.Hash, hash: "", third.KeyId);
        forged.Hash = AuditChain.ComputeHash(forged, database.Target.AuditKey!);

        await database.RenumberAfterAsync(3, by: 1);
        await database.InsertForgedAsync(forged);

        var verification = await database.VerifyAsync();
        Assert.Equal(5, verification.FirstBreak?.Sequence);
        Assert.Contains("does not link to the row before it", verification.FirstBreak!.Reason);
        Assert.Equal(4, verification.LastGoodSequence);
    }

    private static AuditEntry Forged(long sequence, string previousHash, string hash, string? keyId) => new()
    {
        Sequence = sequence, OccurredAt = AuditChain.Truncate(DateTime.UtcNow), Actor = "user:innocent", ActionCode = (int)AuditAction.RoleGranted,
        EntityType = "user", EntityId = "attacker", Summary = "Administrator role granted.", RequestId = "forged",
        PreviousHash = previousHash, Hash = hash, HashScheme = AuditHashScheme.HmacSha256, KeyId = keyId,
    };
}
