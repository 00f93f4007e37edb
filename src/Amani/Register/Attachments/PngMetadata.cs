using System.Buffers.Binary;
using System.Text;

namespace Amani.Register.Attachments;

/// <summary>
/// Removes metadata from a PNG by dropping whole chunks: eXIf, tEXt, zTXt, iTXt, tIME and every other ancillary chunk
/// that is not about colour, transparency, pixel size or animation. Critical chunks (IHDR, PLTE, IDAT, IEND) and the
/// kept ancillary chunks are copied byte for byte with their CRCs, so nothing is recomputed. Data after IEND is dropped.
/// </summary>
public static class PngMetadata
{
    /// <summary>Ancillary chunks kept: colour space and rendering (cHRM … cLLI), transparency, background, pixel size, palette suggestions, APNG.</summary>
    private static readonly HashSet<string> KeptAncillary =
        ["cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "cICP", "mDCv", "cLLI", "tRNS", "bKGD", "pHYs", "sPLT", "hIST", "acTL", "fcTL", "fdAT"];

    private const int SignatureLength = 8;

    /// <summary>The cleaned PNG, or null when the content is not a well-formed PNG.</summary>
    public static StrippedImage? Strip(ReadOnlySpan<byte> png)
    {
        if (ImageFormat.Sniff(png) != ImageFormat.Png)
            return null;
        var output = new MemoryStream(png.Length);
        output.Write(png[..SignatureLength]);
        int? width = null, height = null;
        var position = SignatureLength;
        var first = true;
        while (position + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[position..]);
            if (length > int.MaxValue || position + 12 + (long)length > png.Length)
                return null;
            var type = Encoding.ASCII.GetString(png.Slice(position + 4, 4));
            var chunk = png.Slice(position, 12 + (int)length);
            if (first)
            {
                if (type != "IHDR" || length < 8)
                    return null;
                width = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(chunk[8..]), int.MaxValue);
                height = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(chunk[12..]), int.MaxValue);
                first = false;
            }
            if (IsCritical(type) || KeptAncillary.Contains(type))
                output.Write(chunk);
            position += chunk.Length;
            if (type == "IEND")
                return new StrippedImage(ImageFormat.Png, output.ToArray(), width, height);
        }
        return null; // no IEND: truncated
    }

    /// <summary>A chunk whose type starts with an upper-case letter is critical: a decoder cannot skip it.</summary>
    private static bool IsCritical(string type) => char.IsAsciiLetterUpper(type[0]);
}
