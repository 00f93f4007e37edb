using System.Buffers.Binary;
using System.Text;

namespace Amani.Register.Attachments;

/// <summary>
/// Removes metadata from a WebP (a RIFF container): drops the EXIF and XMP chunks and every chunk that is not image
/// data, alpha, animation or an ICC profile, clears the EXIF and XMP flags of the VP8X header, and rewrites the RIFF
/// size. The image chunks are copied byte for byte. Data after the RIFF payload is dropped.
/// </summary>
public static class WebpMetadata
{
    private static readonly HashSet<string> Kept = ["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"];
    private const byte ExifFlag = 0x08, XmpFlag = 0x04;
    private const int HeaderLength = 12;

    /// <summary>The cleaned WebP, or null when the content is not a well-formed WebP.</summary>
    public static StrippedImage? Strip(ReadOnlySpan<byte> webp)
    {
        if (ImageFormat.Sniff(webp) != ImageFormat.Webp)
            return null;
        var riffEnd = 8 + (long)BinaryPrimitives.ReadUInt32LittleEndian(webp[4..]);
        if (riffEnd > webp.Length || riffEnd < HeaderLength + 8)
            return null;
        var body = new MemoryStream(webp.Length);
        int? width = null, height = null;
        var sawImage = false;
        var position = HeaderLength;
        while (position + 8 <= riffEnd)
        {
            var type = Encoding.ASCII.GetString(webp.Slice(position, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp[(position + 4)..]);
            var padded = size + (size & 1);
            if (position + 8 + (long)size > riffEnd)
                return null;
            var data = webp.Slice(position + 8, (int)size);
            if (width is null && Dimensions(type, data) is ({ } w, { } h))
                (width, height) = (w, h);
            sawImage |= type is "VP8 " or "VP8L" or "ANMF";
            if (Kept.Contains(type))
            {
                var chunk = webp.Slice(position, (int)Math.Min(8 + padded, riffEnd - position)).ToArray();
                if (type == "VP8X" && size >= 1)
                    chunk[8] &= unchecked((byte)~(ExifFlag | XmpFlag));
                body.Write(chunk);
                if (chunk.Length < 8 + padded)
                    body.WriteByte(0); // the last chunk's padding byte was missing
            }
            position += (int)Math.Min(8 + padded, riffEnd - position);
        }
        if (!sawImage)
            return null;
        var output = new byte[HeaderLength + body.Length];
        "RIFF"u8.CopyTo(output);
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(4), (uint)(output.Length - 8));
        "WEBP"u8.CopyTo(output.AsSpan(8));
        body.ToArray().CopyTo(output, HeaderLength);
        return new StrippedImage(ImageFormat.Webp, output, width, height);
    }

    private static (int?, int?) Dimensions(string type, ReadOnlySpan<byte> data) => type switch
    {
        "VP8X" when data.Length >= 10 => (1 + (data[4] | data[5] << 8 | data[6] << 16), 1 + (data[7] | data[8] << 8 | data[9] << 16)),
        "VP8L" when data.Length >= 5 && data[0] == 0x2F =>
            (1 + ((data[1] | data[2] << 8) & 0x3FFF), 1 + ((data[2] >> 6 | data[3] << 2 | data[4] << 10) & 0x3FFF)),
        "VP8 " when data.Length >= 10 && data[3] == 0x9D && data[4] == 0x01 && data[5] == 0x2A =>
            ((data[6] | data[7] << 8) & 0x3FFF, (data[8] | data[9] << 8) & 0x3FFF),
        _ => (null, null),
    };
}
