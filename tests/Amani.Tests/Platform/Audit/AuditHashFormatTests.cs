using System.Security.Cryptography;
using System.Text;
using Amani.Platform.Audit;
using Xunit;

namespace Amani.Tests.Platform.Audit;

/// <summary>
/// Pins the canonical form the audit hash covers: rows written today must still verify after any framework upgrade,
/// so the format is a contract. Changing it would break every existing chain.
/// </summary>
public sealed class AuditHashFormatTests
{
    [Fact]
    public void The_hash_covers_length_prefixed_fields_in_a_fixed_order()
    {
        var entry = new AuditEntry
        {
            Sequence = 7,
            OccurredAt = new DateTime(2026, 11, 21, 9, 30, 15, DateTimeKind.Utc).AddTicks(1234560),
            Actor = "user:42",
            ActionCode = 1400,
            EntityType = "mission",
            EntityId = null,
            Summary = "Mission « Bangui » créée <ok>",
            RequestId = "abc",
            PreviousHash = AuditChain.GenesisHash,
        };
        var expected = "64:" + AuditChain.GenesisHash + "\n1:7\n27:2026-11-21T09:30:15.123456Z\n7:user:42\n4:1400\n7:mission\n~\n" +
                       "33:Mission « Bangui » créée <ok>\n3:abc\n";

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(expected))), AuditChain.ComputeHash(entry));
    }
}
