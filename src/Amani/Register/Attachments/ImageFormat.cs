namespace Amani.Register.Attachments;

/// <summary>An accepted image format, recognised by its first bytes (magic numbers) — never by file name or declared type.</summary>
public sealed record ImageFormat(string MediaType, string Extension)
{
    public static readonly ImageFormat Jpeg = new("image/jpeg", ".jpg");
    public static readonly ImageFormat Png = new("image/png", ".png");
    public static readonly ImageFormat Webp = new("image/webp", ".webp");

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format the content is in, or null when it is none of JPEG, PNG and WebP.</summary>
    public static ImageFormat? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
            return Jpeg;
        if (content.StartsWith(PngSignature))
            return Png;
        if (content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
            return Webp;
        return null;
    }

    /// <summary>What refused content appears to be, for an error message a person can act on.</summary>
    public static string Describe(ReadOnlySpan<byte> content) => content switch
    {
        [(byte)'M', (byte)'Z', ..] => "a Windows program (MZ/PE executable)",
        [0x7F, (byte)'E', (byte)'L', (byte)'F', ..] => "a Linux program (ELF executable)",
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..] => "a PDF document",
        [(byte)'P', (byte)'K', 0x03, 0x04, ..] => "a ZIP archive or office document",
        [(byte)'G', (byte)'I', (byte)'F', ..] => "a GIF image",
        [(byte)'#', (byte)'!', ..] => "a script",
        [] => "empty",
        _ => "of an unknown type",
    };
}

/// <summary>An image with its metadata removed, and what was cheap to learn about it on the way.</summary>
public sealed record StrippedImage(ImageFormat Format, byte[] Content, int? Width, int? Height);
