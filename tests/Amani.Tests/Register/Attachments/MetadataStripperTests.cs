using System.Buffers.Binary;
using System.Text;
using Amani.Register.Attachments;
using Xunit;
using static Amani.Tests.Register.Attachments.TestImages;

namespace Amani.Tests.Register.Attachments;

/// <summary>The metadata stripper on hand-built images: metadata (Exif/GPS, XMP, IPTC, text) gone, image data byte for byte, structure valid.</summary>
public sealed class MetadataStripperTests
{
    [Fact]
    public void A_jpeg_loses_exif_gps_xmp_iptc_and_comments_and_keeps_jfif_icc_and_the_image_data_byte_for_byte()
    {
        var original = JpegWithGps();
        Assert.True(Contains(original, MarkerBytes) && Contains(original, GpsLatitudeEntry));

        var stripped = ImageMetadata.Strip(original)!;

        Assert.Equal(ImageFormat.Jpeg, stripped.Format);
        Assert.Equal(JpegWithoutMetadata(), stripped.Content);
        Assert.False(Contains(stripped.Content, MarkerBytes));
        Assert.False(Contains(stripped.Content, GpsLatitudeEntry));
        Assert.False(Contains(stripped.Content, "Exif\0\0"u8.ToArray()));
        Assert.Equal((48, 32), (stripped.Width, stripped.Height));
        Assert.Equal([0xD8, 0xE0, 0xE2, 0xDB, 0xC0, 0xC4, 0xDA, 0xD9], JpegMarkers(stripped.Content));
    }

    [Fact]
    public void Metadata_hidden_between_progressive_scans_or_after_the_end_of_the_image_is_dropped_too()
    {
        byte[] jpeg =
        [
            0xFF, 0xD8, .. JfifSegment, .. FrameHeader, .. HuffmanTable, .. ScanHeader, .. ScanData,
            .. Segment(0xE1, ExifPayload()), .. ScanHeader, .. ScanData, 0xFF, 0xD9, .. MarkerBytes,
        ];

        var stripped = ImageMetadata.Strip(jpeg)!;

        Assert.Equal([0xFF, 0xD8, .. JfifSegment, .. FrameHeader, .. HuffmanTable, .. ScanHeader, .. ScanData, .. ScanHeader, .. ScanData, 0xFF, 0xD9],
            stripped.Content);
        Assert.False(Contains(stripped.Content, MarkerBytes));
    }

    [Fact]
    public void A_jpeg_without_metadata_comes_out_unchanged()
    {
        var clean = JpegWithoutMetadata();
        Assert.Equal(clean, ImageMetadata.Strip(clean)!.Content);
    }

    [Fact]
    public void A_png_loses_exif_text_and_time_chunks_and_keeps_the_others_with_valid_crcs()
    {
        var original = PngWithGps();
        Assert.True(Contains(original, MarkerBytes) && Contains(original, GpsLatitudeEntry));

        var stripped = ImageMetadata.Strip(original)!;

        Assert.Equal(ImageFormat.Png, stripped.Format);
        Assert.Equal([.. PngSignature, .. PngHeader, .. PngGamma, .. PngData, .. PngEnd], stripped.Content);
        Assert.False(Contains(stripped.Content, MarkerBytes));
        Assert.False(Contains(stripped.Content, GpsLatitudeEntry));
        Assert.Equal((3, 2), (stripped.Width, stripped.Height));
        Assert.Equal(["IHDR", "gAMA", "IDAT", "IEND"], PngChunksWithValidCrc(stripped.Content));
    }

    [Fact]
    public void A_webp_loses_exif_and_xmp_chunks_and_gets_its_riff_size_and_vp8x_flags_fixed()
    {
        var original = WebpWithGps();
        Assert.True(Contains(original, MarkerBytes) && Contains(original, GpsLatitudeEntry));

        var stripped = ImageMetadata.Strip(original)!;

        Assert.Equal(ImageFormat.Webp, stripped.Format);
        Assert.Equal(Webp(ExtendedHeader(0x20), RiffChunk("ICCP", "fake-icc"u8), LosslessData), stripped.Content);
        Assert.False(Contains(stripped.Content, MarkerBytes));
        Assert.False(Contains(stripped.Content, GpsLatitudeEntry));
        Assert.Equal(stripped.Content.Length - 8, (int)BinaryPrimitives.ReadUInt32LittleEndian(stripped.Content.AsSpan(4)));
        Assert.Equal(0x20, stripped.Content[20]); // VP8X flags: ICC kept, EXIF and XMP cleared
        Assert.Equal((5, 7), (stripped.Width, stripped.Height));
    }

    [Theory]
    [InlineData("windows")]
    [InlineData("elf")]
    [InlineData("text")]
    [InlineData("empty")]
    public void Content_that_is_not_an_accepted_image_is_refused_whatever_its_name(string kind)
    {
        byte[] content = kind switch
        {
            "windows" => WindowsExecutable(),
            "elf" => ElfExecutable(),
            "text" => Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg'/>"),
            _ => [],
        };
        Assert.Null(ImageFormat.Sniff(content));
        Assert.Null(ImageMetadata.Strip(content));
    }

    [Fact]
    public void Truncated_or_malformed_images_are_refused()
    {
        var jpeg = JpegWithGps();
        Assert.Null(ImageMetadata.Strip(jpeg[..40])); // cut inside the Exif segment
        var png = PngWithGps();
        Assert.Null(ImageMetadata.Strip(png[..^12])); // no IEND
        var webp = WebpWithGps();
        Assert.Null(ImageMetadata.Strip(webp[..30])); // RIFF size larger than the file
        Assert.Null(ImageMetadata.Strip([0xFF, 0xD8, 0xFF, 0xD9])); // no image data
    }

    [Fact]
    public void File_names_are_sanitised_and_get_the_extension_of_the_real_type()
    {
        Assert.Equal("holiday.jpg", FileNames.Sanitise("C:\\Users\\x\\holiday.png", ImageFormat.Jpeg));
        Assert.Equal("passwd.png", FileNames.Sanitise("../../etc/passwd", ImageFormat.Png));
        Assert.Equal("photo.webp", FileNames.Sanitise("\"\r\n", ImageFormat.Webp));
        Assert.Equal(200, FileNames.Sanitise(new string('a', 500) + ".jpg", ImageFormat.Jpeg).Length);
    }

    /// <summary>The marker codes of a JPEG, walking its segments (and skipping entropy-coded data): fails on a broken structure.</summary>
    private static List<byte> JpegMarkers(byte[] jpeg)
    {
        var markers = new List<byte>();
        var i = 0;
        while (i < jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[i]);
            var marker = jpeg[i + 1];
            markers.Add(marker);
            i += 2;
            if (marker is 0xD8 or 0xD9 or (>= 0xD0 and <= 0xD7))
                continue;
            i += BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i));
            if (marker == 0xDA)
                while (!(jpeg[i] == 0xFF && jpeg[i + 1] is not 0x00 and not (>= 0xD0 and <= 0xD7)))
                    i++;
        }
        return markers;
    }

    private static List<string> PngChunksWithValidCrc(byte[] png)
    {
        Assert.Equal(PngSignature, png[..8]);
        var types = new List<string>();
        for (var i = 8; i < png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(i));
            Assert.Equal(Crc32(png.AsSpan(i + 4, 4 + length)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(i + 8 + length)));
            types.Add(Encoding.ASCII.GetString(png, i + 4, 4));
            i += 12 + length;
        }
        return types;
    }
}
