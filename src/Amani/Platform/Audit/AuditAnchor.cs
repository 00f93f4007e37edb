using System.Globalization;

namespace Amani.Platform.Audit;

/// <summary>
/// A row's sequence number and hash, kept somewhere outside the database (<c>audit verify</c> prints the head as
/// <c>SEQ:HASH</c>). A chain that verifies on its own but no longer holds the anchored row with that hash had its tail
/// cut off, or was rewritten from the anchor back.
/// </summary>
public sealed record AuditAnchor(long Sequence, string Hash)
{
    /// <summary>Parses <c>SEQ:HASH</c>: a positive sequence number and a 64-digit hex SHA-256; null when the text is not one.</summary>
    public static AuditAnchor? TryParse(string? text)
    {
        var parts = (text ?? "").Trim().Split(':');
        return parts.Length == 2
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0
               && parts[1].Length == 64 && parts[1].All(char.IsAsciiHexDigit)
            ? new AuditAnchor(sequence, parts[1].ToLowerInvariant())
            : null;
    }

    public override string ToString() => $"{Sequence}:{Hash}";
}
