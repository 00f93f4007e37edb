using System.Security.Cryptography;
using System.Text;

namespace Amani.Foundation.Tokens;

/// <summary>
/// Secrets for personal access tokens and set-up tokens: 256 random bits, written in lower-case base32 after a
/// recognisable prefix (so secret scanners can find leaked ones). Stored only as SHA-256: the secret has full entropy,
/// so a slow password hash would add nothing.
/// </summary>
public static class TokenSecret
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string New(string prefix)
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        var text = new StringBuilder(prefix, prefix.Length + 52);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
