using System.Security.Cryptography;
using System.Text;
using Amani.Platform.Audit;
using Xunit;

namespace Amani.Tests.Platform.Audit;

/// <summary>
/// Pins the canonical forms the audit hashes cover: rows written today (keyed) and before schema version 23 (unkeyed)
/// must still verify after any framework upgrade, so the formats are a contract. Changing one would break every chain.
/// </summary>
public sealed class AuditHashFormatTests
{
    [Fact]
    public void The_legacy_hash_is_SHA_256_over_length_prefixed_fields_in_a_fixed_order()
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

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(expected))), AuditChain.ComputeLegacyHash(entry));
    }

    [Fact]
    public void The_keyed_hash_is_HMAC_SHA_256_with_the_chain_key_over_the_scheme_the_key_id_and_the_same_fields()
    {
        var secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var key = AuditChainKey.FromText(Convert.ToBase64String(secret), "test")!;
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
            KeyId = key.KeyId,
        };
        var expected = "10:HmacSha256\n16:" + key.KeyId + "\n64:" + AuditChain.GenesisHash +
                       "\n1:7\n27:2026-11-21T09:30:15.123456Z\n7:user:42\n4:1400\n7:mission\n~\n33:Mission « Bangui » créée <ok>\n3:abc\n";

        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(expected))), AuditChain.ComputeHash(entry, key));
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(secret, "amani audit chain key id"u8.ToArray()))[..16], key.KeyId);
    }
}
