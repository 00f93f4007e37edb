using Amani.Platform.Audit;
using Xunit;

namespace Amani.Tests.Platform.Audit;

public sealed class AuditHashCoversEveryFieldTests
{
    private static readonly AuditChainKey Key = AuditChainKey.Random();

    public static TheoryData<bool> Schemes => [true, false];

    [Theory, MemberData(nameof(Schemes))]
    public void The_hash_covers_every_field_of_the_row(bool keyed)
    {
        var row = new AuditEntry
        {
            Sequence = 7, OccurredAt = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1230), Actor = "user:1",
            ActionCode = 1400, EntityType = "mission", EntityId = "42", Summary = "Mission X created.", RequestId = "r1",
            PreviousHash = AuditChain.GenesisHash, KeyId = keyed ? Key.KeyId : null,
        };
        string Hash(AuditEntry e) => keyed ? AuditChain.ComputeHash(e, Key) : AuditChain.ComputeLegacyHash(e);
        var original = Hash(row);
        var variants = new List<Action<AuditEntry>>
        {
            e => e.Sequence = 8, e => e.OccurredAt = e.OccurredAt.AddTicks(10), e => e.Actor = "user:2", e => e.ActionCode = 1401,
            e => e.EntityType = "area", e => e.EntityId = null, e => e.Summary = "Mission Y created.", e => e.RequestId = "r2",
            e => e.PreviousHash = new string('1', 64),
        };
        if (keyed)
            variants.Add(e => e.KeyId = "0123456789abcdef");

        Assert.Matches("^[0-9a-f]{64}$", original);
        foreach (var change in variants)
        {
            var copy = Copy(row);
            change(copy);
            Assert.NotEqual(original, Hash(copy));
        }
        Assert.Equal(original, Hash(Copy(row)));
    }

    [Fact]
    public void The_keyed_hash_depends_on_the_key_and_differs_from_the_unkeyed_one()
    {
        var row = new AuditEntry
        {
            Sequence = 1, OccurredAt = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc), Actor = "system", ActionCode = 1000,
            EntityType = "schema", EntityId = "22", Summary = "Schema upgraded.", RequestId = "r", PreviousHash = AuditChain.GenesisHash,
            KeyId = Key.KeyId,
        };
        var other = AuditChainKey.Random();

        Assert.NotEqual(AuditChain.ComputeHash(row, Key), AuditChain.ComputeHash(row, other));
        Assert.NotEqual(AuditChain.ComputeHash(row, Key), AuditChain.ComputeLegacyHash(row));
        Assert.NotEqual(Key.KeyId, other.KeyId);
        Assert.Matches("^[0-9a-f]{16}$", Key.KeyId);
    }

    private static AuditEntry Copy(AuditEntry e) => new()
    {
        Sequence = e.Sequence, OccurredAt = e.OccurredAt, Actor = e.Actor, ActionCode = e.ActionCode, EntityType = e.EntityType,
        EntityId = e.EntityId, Summary = e.Summary, RequestId = e.RequestId, PreviousHash = e.PreviousHash, KeyId = e.KeyId,
    };
}
