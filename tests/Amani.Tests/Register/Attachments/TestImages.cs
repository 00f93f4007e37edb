using System.Buffers.Binary;
using System.Text;

namespace Amani.Tests.Register.Attachments;

/// <summary>
/// Small, structurally valid images built by hand, each carrying an Exif block with a GPS IFD (tag 0x8825, latitude
/// 4°22'N) and the recognisable text <see cref="Marker"/> in its metadata.
/// </summary>
public static class TestImages
{
    public const string Marker = "AMANI-SECRET-GPS-MARKER";
    public static readonly byte[] MarkerBytes = Encoding.ASCII.GetBytes(Marker);
    /// <summary>The bytes of the GPS-latitude entry (tag 0x0002, type RATIONAL, count 3) as written big-endian.</summary>
    public static readonly byte[] GpsLatitudeEntry = [0x00, 0x02, 0x00, 0x05, 0x00, 0x00, 0x00, 0x03];

    /// <summary>A TIFF/Exif structure: IFD0 with ImageDescription = marker and a GPS IFD pointer; a GPS IFD with latitude.</summary>
    public static byte[] Tiff()
    {
        var tiff = new MemoryStream();
        void U16(int v) => tiff.Write([(byte)(v >> 8), (byte)v]);
        void U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, v); tiff.Write(b); }
        var description = Encoding.ASCII.GetBytes(Marker + "\0");
        const int ifd0 = 8, ifd0Size = 2 + 2 * 12 + 4;
        var descriptionAt = ifd0 + ifd0Size;
        var gpsAt = descriptionAt + description.Length;
        const int gpsSize = 2 + 2 * 12 + 4;
        var rationalsAt = gpsAt + gpsSize;
        tiff.Write("MM\0*"u8);
        U32(ifd0);
        U16(2);
        U16(0x010E); U16(2); U32((uint)description.Length); U32((uint)descriptionAt); // ImageDescription
        U16(0x8825); U16(4); U32(1); U32((uint)gpsAt);                             // GPSInfo IFD pointer
        U32(0);
        tiff.Write(description);
        U16(2);
        U16(0x0001); U16(2); U32(2); tiff.Write("N\0\0\0"u8);                       // GPSLatitudeRef
        tiff.Write(GpsLatitudeEntry); U32((uint)rationalsAt);                       // GPSLatitude
        U32(0);
        foreach (var (numerator, denominator) in new[] { (4u, 1u), (22u, 1u), (1234u, 100u) })
        {
            U32(numerator);
            U32(denominator);
        }
        return tiff.ToArray();
    }

    public static byte[] ExifPayload() => [.. "Exif\0\0"u8, .. Tiff()];

    // ---- JPEG

    public static byte[] Segment(byte marker, ReadOnlySpan<byte> payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment.AsSpan(4));
        return segment;
    }

    public static readonly byte[] JfifSegment = Segment(0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    public static readonly byte[] IccSegment = Segment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 1, .. "fake-icc-profile"u8]);
    public static readonly byte[] QuantisationTable = Segment(0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]);
    /// <summary>Baseline frame: 8 bits, 48 × 32 pixels, one component.</summary>
    public static readonly byte[] FrameHeader = Segment(0xC0, [8, 0, 32, 0, 48, 1, 1, 0x11, 0]);
    public static readonly byte[] HuffmanTable = Segment(0xC4, [0x00, 1, .. new byte[15], 0]);
    public static readonly byte[] ScanHeader = Segment(0xDA, [1, 1, 0x00, 0, 63, 0]);
    /// <summary>Entropy-coded data with a stuffed 0xFF 0x00 and a restart marker, which must survive untouched.</summary>
    public static readonly byte[] ScanData = [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78, 0x9A];

    /// <summary>A JPEG with JFIF, Exif (GPS + marker), XMP, ICC, IPTC (APP13) and a comment, all holding the marker but JFIF and ICC.</summary>
    public static byte[] JpegWithGps() =>
    [
        0xFF, 0xD8,
        .. JfifSegment,
        .. Segment(0xE1, ExifPayload()),
        .. Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.ASCII.GetBytes($"<x:xmpmeta>{Marker}</x:xmpmeta>")]),
        .. IccSegment,
        .. Segment(0xED, [.. "Photoshop 3.0\0"u8, .. MarkerBytes]),
        .. Segment(0xFE, MarkerBytes),
        .. QuantisationTable, .. FrameHeader, .. HuffmanTable, .. ScanHeader, .. ScanData,
        0xFF, 0xD9,
    ];

    /// <summary>The same picture as <see cref="JpegWithGps"/> as a metadata stripper must leave it.</summary>
    public static byte[] JpegWithoutMetadata() =>
        [0xFF, 0xD8, .. JfifSegment, .. IccSegment, .. QuantisationTable, .. FrameHeader, .. HuffmanTable, .. ScanHeader, .. ScanData, 0xFF, 0xD9];

    // ---- PNG

    public static byte[] Chunk(string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    /// <summary>IHDR: 3 × 2 pixels, 8-bit greyscale.</summary>
    public static readonly byte[] PngHeader = Chunk("IHDR", [0, 0, 0, 3, 0, 0, 0, 2, 8, 0, 0, 0, 0]);
    public static readonly byte[] PngGamma = Chunk("gAMA", [0, 0, 0xB1, 0x8F]);
    /// <summary>zlib-compressed scanlines (stored block): two rows of filter byte + 3 pixels.</summary>
    public static readonly byte[] PngData = Chunk("IDAT", [0x78, 0x01, 0x01, 0x08, 0x00, 0xF7, 0xFF, 0, 10, 20, 30, 0, 40, 50, 60, 0x04, 0x7A, 0x00, 0xB5]);
    public static readonly byte[] PngEnd = Chunk("IEND", []);

    public static byte[] PngWithGps() =>
    [
        .. PngSignature, .. PngHeader, .. PngGamma,
        .. Chunk("eXIf", Tiff()),
        .. Chunk("tEXt", [.. "Comment\0"u8, .. MarkerBytes]),
        .. Chunk("iTXt", [.. "XML:com.adobe.xmp\0\0\0\0\0"u8, .. MarkerBytes]),
        .. Chunk("zTXt", [.. "Author\0\0"u8, 0x78, 0x01, .. MarkerBytes]),
        .. Chunk("tIME", [0x07, 0xE9, 1, 2, 3, 4, 5]),
        .. PngData,
        .. PngEnd,
    ];

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc ^ 0xFFFFFFFFu;
    }

    // ---- WebP

    public static byte[] RiffChunk(string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[8 + data.Length + (data.Length & 1)];
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)data.Length);
        data.CopyTo(chunk.AsSpan(8));
        return chunk;
    }

    /// <summary>VP8L bitstream header of a 5 × 7 image (signature 0x2F, 14-bit width−1 and height−1) plus a few bytes.</summary>
    public static readonly byte[] LosslessData = RiffChunk("VP8L", [0x2F, 0x04, 0x80, 0x01, 0x00, 0xAA, 0xBB]);

    public static byte[] Webp(params byte[][] chunks)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        var file = new byte[12 + body.Length];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(file.Length - 8));
        "WEBP"u8.CopyTo(file.AsSpan(8));
        body.CopyTo(file, 12);
        return file;
    }

    /// <summary>VP8X with the ICC, EXIF and XMP flags set, canvas 5 × 7.</summary>
    public static byte[] ExtendedHeader(byte flags) => RiffChunk("VP8X", [flags, 0, 0, 0, 4, 0, 0, 6, 0, 0]);

    public static byte[] WebpWithGps() => Webp(ExtendedHeader(0x20 | 0x08 | 0x04), RiffChunk("ICCP", "fake-icc"u8), LosslessData,
        RiffChunk("EXIF", Tiff()), RiffChunk("XMP ", [.. "<x:xmpmeta>"u8, .. MarkerBytes, .. "</x:xmpmeta>"u8]));

    // ---- not images

    /// <summary>The start of a Windows executable: "MZ", the DOS stub and a PE header offset.</summary>
    public static byte[] WindowsExecutable() => [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, .. new byte[50], .. "PE\0\0"u8, .. new byte[200]];

    public static byte[] ElfExecutable() => [0x7F, .. "ELF"u8, 2, 1, 1, 0, .. new byte[120]];

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
