namespace Amani.Register.Attachments;

/// <summary>
/// Removes metadata from a JPEG by dropping whole marker segments: APP1 (Exif with GPS, XMP), APP13 (IPTC/Photoshop),
/// COM and every other APPn except APP0 (JFIF) and an APP2 ICC profile. Every other segment and the entropy-coded
/// image data are copied byte for byte, so the picture is not re-encoded. Segments are also dropped when they hide
/// between progressive scans, and anything after the end-of-image marker is discarded.
/// </summary>
public static class JpegMetadata
{
    private const byte Soi = 0xD8, Eoi = 0xD9, Sos = 0xDA, App0 = 0xE0, App2 = 0xE2, App15 = 0xEF, Com = 0xFE;

    /// <summary>The cleaned JPEG, or null when the content is not a well-formed JPEG.</summary>
    public static StrippedImage? Strip(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != Soi)
            return null;
        var output = new MemoryStream(jpeg.Length);
        output.Write([0xFF, Soi]);
        int? width = null, height = null;
        var sawScan = false;
        var position = 2;
        while (position < jpeg.Length)
        {
            if (jpeg[position] != 0xFF)
                return null;
            while (position < jpeg.Length && jpeg[position] == 0xFF)
                position++; // fill bytes
            if (position >= jpeg.Length)
                return null;
            var marker = jpeg[position++];
            if (marker == Eoi)
            {
                output.Write([0xFF, Eoi]);
                return sawScan ? new StrippedImage(ImageFormat.Jpeg, output.ToArray(), width, height) : null;
            }
            if (marker is 0x01 or >= 0xD0 and <= 0xD7)
            {
                output.Write([0xFF, marker]);
                continue;
            }
            if (position + 2 > jpeg.Length)
                return null;
            var length = (jpeg[position] << 8) | jpeg[position + 1];
            if (length < 2 || position + length > jpeg.Length)
                return null;
            var segment = jpeg.Slice(position, length);
            if (IsStartOfFrame(marker) && length >= 7)
            {
                height = (segment[3] << 8) | segment[4];
                width = (segment[5] << 8) | segment[6];
            }
            if (Keep(marker, segment))
            {
                output.Write([0xFF, marker]);
                output.Write(segment);
            }
            position += length;
            if (marker == Sos)
            {
                sawScan = true;
                var end = EndOfEntropyData(jpeg, position);
                output.Write(jpeg[position..end]);
                position = end;
            }
        }
        // Truncated after the image data (no end-of-image marker): keep what there is, as viewers do.
        return sawScan ? new StrippedImage(ImageFormat.Jpeg, output.ToArray(), width, height) : null;
    }

    private static bool Keep(byte marker, ReadOnlySpan<byte> segment) => marker switch
    {
        App0 => true,
        App2 => segment.Length >= 14 && segment[2..14].SequenceEqual("ICC_PROFILE\0"u8),
        >= App0 and <= App15 => false,
        Com => false,
        _ => true,
    };

    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    /// <summary>Where the entropy-coded data that starts at <paramref name="start"/> ends: at the next marker other than a stuffed byte or a restart.</summary>
    private static int EndOfEntropyData(ReadOnlySpan<byte> jpeg, int start)
    {
        for (var i = start; i + 1 < jpeg.Length; i++)
            if (jpeg[i] == 0xFF && jpeg[i + 1] is not 0x00 and not 0xFF and not (>= 0xD0 and <= 0xD7))
                return i;
        return jpeg.Length;
    }
}
