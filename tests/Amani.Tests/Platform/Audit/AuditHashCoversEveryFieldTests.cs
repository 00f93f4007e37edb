using Amani.Platform.Audit;
using Xunit;

namespace Amani.Tests.Platform.Audit;

public sealed class AuditHashCoversEveryFieldTests
{
    [Fact]
    public void The_hash_covers_every_field_of_the_row()
    {
        var row = new AuditEntry
        {
            Sequence = 7, OccurredAt = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1230), Actor = "user:1",
            ActionCode = 1400, EntityType = "mission", EntityId = "42", Summary = "Mission X created.", RequestId = "r1",
            PreviousHash = AuditChain.GenesisHash,
        };
        var original = AuditChain.ComputeHash(row);
        var variants = new Action<AuditEntry>[]
        {
            e => e.Sequence = 8, e => e.OccurredAt = e.OccurredAt.AddTicks(10), e => e.Actor = "user:2", e => e.ActionCode = 1401,
            e => e.EntityType = "area", e => e.EntityId = null, e => e.Summary = "Mission Y created.", e => e.RequestId = "r2",
            e => e.PreviousHash = new string('1', 64),
        };

        Assert.Matches("^[0-9a-f]{64}$", original);
        foreach (var change in variants)
        {
            var copy = Copy(row);
            change(copy);
            Assert.NotEqual(original, AuditChain.ComputeHash(copy));
        }
        Assert.Equal(original, AuditChain.ComputeHash(Copy(row)));
    }

    private static AuditEntry Copy(AuditEntry e) => new()
    {
        Sequence = e.Sequence, OccurredAt = e.OccurredAt, Actor = e.Actor, ActionCode = e.ActionCode, EntityType = e.EntityType,
        EntityId = e.EntityId, Summary = e.Summary, RequestId = e.RequestId, PreviousHash = e.PreviousHash,
    };
}
