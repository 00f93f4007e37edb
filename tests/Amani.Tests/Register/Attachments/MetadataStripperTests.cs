using System.Text;
using Amani.Register.Attachments;
using MetadataExtractor.Formats.Icc;
using Xunit;
using static Amani.Tests.Register.Attachments.TestImages;

namespace Amani.Tests.Register.Attachments;

/// <summary>
/// The metadata stripper on real photos written by ImageMagick: every stripped copy is upright, keeps its format, size
/// and colour profile, and MetadataExtractor finds no GPS, EXIF, XMP, IPTC, comment or text in it.
/// </summary>
public sealed class MetadataStripperTests
{
    public static TheoryData<string> Formats => ["jpeg", "png", "webp", "lossless webp"];

    private static (byte[] Photo, ImageFormat Format) Photo(string kind) => kind switch
    {
        "jpeg" => (JpegWithGps(), ImageFormat.Jpeg),
        "png" => (PngWithGps(), ImageFormat.Png),
        "webp" => (WebpWithGps(), ImageFormat.Webp),
        _ => (LosslessWebpWithGps(), ImageFormat.Webp),
    };

    [Theory, MemberData(nameof(Formats))]
    public void Every_stripped_copy_has_no_gps_exif_xmp_iptc_or_comment_and_keeps_format_size_and_colour_profile(string kind)
    {
        var (original, format) = Photo(kind);
        AssertHasGpsAndMarker(original);

        var stripped = ImageMetadata.Strip(original)!;

        Assert.Equal(format, stripped.Format);
        Assert.Equal(format, ImageFormat.Sniff(stripped.Content));
        AssertNoMetadata(stripped.Content);
        // The ICC profile is kept. (ImageMagick writes the test PNG's sRGB profile as an sRGB chunk rather than iCCP and
        // leaves that chunk out of the stripped copy: a PNG without a colour chunk is sRGB anyway.)
        Assert.Equal(kind != "png", MetadataOf(stripped.Content).OfType<IccDirectory>().Any());
        Assert.Equal((Width, Height), (stripped.Width, stripped.Height));
        Assert.Equal((Width, Height, true), Decode(stripped.Content));
    }

    [Fact]
    public void A_sideways_phone_photo_comes_out_upright()
    {
        var original = SidewaysJpegWithGps();
        Assert.Equal((Width, Height, false), Decode(original)); // as stored: sideways, the red quarter at the bottom left

        var stripped = ImageMetadata.Strip(original)!;

        Assert.Equal((Height, Width), (stripped.Width, stripped.Height));
        Assert.Equal((Height, Width, true), Decode(stripped.Content));
        AssertNoMetadata(stripped.Content);
    }

    [Fact]
    public void A_lossless_webp_stays_lossless()
    {
        var stripped = ImageMetadata.Strip(LosslessWebpWithGps())!;
        Assert.True(Contains(stripped.Content, "VP8L"u8.ToArray()));
    }

    [Fact]
    public void Stripping_a_stripped_copy_keeps_it_clean()
    {
        var once = ImageMetadata.Strip(JpegWithGps())!;
        var twice = ImageMetadata.Strip(once.Content)!;
        AssertNoMetadata(twice.Content);
        Assert.Equal((Width, Height, true), Decode(twice.Content));
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
        Assert.Null(ImageMetadata.Strip(jpeg[..40])); // cut inside the metadata, before any image data
        Assert.Null(ImageMetadata.Strip(jpeg[..(jpeg.Length - 200)])); // cut inside the image data
        var png = PngWithGps();
        Assert.Null(ImageMetadata.Strip(png[..(png.Length / 2)]));
        var webp = WebpWithGps();
        Assert.Null(ImageMetadata.Strip(webp[..30])); // RIFF size larger than the file
        Assert.Null(ImageMetadata.Strip([0xFF, 0xD8, 0xFF, 0xD9])); // no image data
        // An SVG script behind a JPEG's first bytes is decoded as JPEG only, never handed to another coder.
        Assert.Null(ImageMetadata.Strip([0xFF, 0xD8, 0xFF, .. "<svg xmlns='http://www.w3.org/2000/svg'/>"u8]));
    }

    [Fact]
    public void File_names_are_sanitised_and_get_the_extension_of_the_real_type()
    {
        Assert.Equal("holiday.jpg", FileNames.Sanitise("C:\\Users\\x\\holiday.png", ImageFormat.Jpeg));
        Assert.Equal("passwd.png", FileNames.Sanitise("../../etc/passwd", ImageFormat.Png));
        Assert.Equal("photo.webp", FileNames.Sanitise("\"\r\n", ImageFormat.Webp));
        Assert.Equal(200, FileNames.Sanitise(new string('a', 500) + ".jpg", ImageFormat.Jpeg).Length);
    }
}
