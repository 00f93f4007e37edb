using System.Security.Cryptography;

namespace Amani.Register.Reporting;

/// <summary>
/// Tracking codes given to reporters: 12 characters of Crockford's base32 (no I, L, O or U, so nothing is mistaken
/// for 1 or 0) = 60 random bits, shown as <c>XXXX-XXXX-XXXX</c>. Reading one forgives case, spaces, hyphens and the
/// look-alikes (O → 0, I and L → 1).
/// </summary>
public static class TrackingCode
{
    public const int Length = 12;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(code);
    }

    public static string Format(string normalized) => $"{normalized[..4]}-{normalized[4..8]}-{normalized[8..]}";

    /// <summary>The normalised code, or null when the text cannot be a tracking code.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
            return null;
        Span<char> code = stackalloc char[Length];
        var n = 0;
        foreach (var raw in text)
        {
            if (raw is '-' or ' ')
                continue;
            var c = char.ToUpperInvariant(raw) switch { 'O' => '0', 'I' or 'L' => '1', var other => other };
            if (n == Length || Alphabet.IndexOf(c) < 0)
                return null;
            code[n++] = c;
        }
        return n == Length ? new string(code) : null;
    }
}
