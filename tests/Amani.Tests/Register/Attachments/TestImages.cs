using System.Text;
using ImageMagick;
using ImageMagick.Drawing;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.Xmp;
using Xunit;
using Directory = MetadataExtractor.Directory;
using Rational = ImageMagick.Rational;

namespace Amani.Tests.Register.Attachments;

/// <summary>
/// Small real photos written by ImageMagick in the test, each carrying what a phone puts in a photo: EXIF (IFD0 with
/// ImageDescription = <see cref="Marker"/>, a GPS IFD with latitude 4°22'12.34" N), XMP and a comment holding the marker
/// (JPEG: IPTC too), and an sRGB ICC colour profile. The picture is white with a red top-left quarter, so its orientation
/// can be checked after decoding.
/// </summary>
public static class TestImages
{
    public const string Marker = "AMANI-SECRET-GPS-MARKER";
    public static readonly byte[] MarkerBytes = Encoding.ASCII.GetBytes(Marker);

    /// <summary>The width and height of every test photo as stored (the sideways one is upright once turned: 32 × 48).</summary>
    public const int Width = 48, Height = 32;

    private static readonly Lazy<byte[]> Jpeg = new(() => Write(MagickFormat.Jpeg, Orientation.TopLeft));
    private static readonly Lazy<byte[]> SidewaysJpeg = new(() => Write(MagickFormat.Jpeg, Orientation.RightTop));
    private static readonly Lazy<byte[]> Png = new(() => Write(MagickFormat.Png, Orientation.TopLeft));
    private static readonly Lazy<byte[]> Webp = new(() => Write(MagickFormat.WebP, Orientation.TopLeft));
    private static readonly Lazy<byte[]> LosslessWebp = new(() => Write(MagickFormat.WebP, Orientation.TopLeft, lossless: true));

    public static byte[] JpegWithGps() => [.. Jpeg.Value];

    /// <summary>
    /// A JPEG as a phone stores a portrait photo: the pixels sideways (48 × 32, the red quarter at the bottom left) with
    /// EXIF orientation 6, "turn 90° clockwise to show". Shown upright it is 32 × 48 with the red quarter at the top left.
    /// </summary>
    public static byte[] SidewaysJpegWithGps() => [.. SidewaysJpeg.Value];

    public static byte[] PngWithGps() => [.. Png.Value];

    public static byte[] WebpWithGps() => [.. Webp.Value];

    public static byte[] LosslessWebpWithGps() => [.. LosslessWebp.Value];

    private static byte[] Write(MagickFormat format, Orientation orientation, bool lossless = false)
    {
        // The upright picture: white, red top-left quarter.
        using var image = new MagickImage(MagickColors.White, orientation == Orientation.RightTop ? (uint)Height : Width,
            orientation == Orientation.RightTop ? (uint)Width : Height);
        new Drawables().FillColor(MagickColors.Red).Rectangle(0, 0, image.Width / 2.0 - 1, image.Height / 2.0 - 1).Draw(image);
        if (orientation == Orientation.RightTop)
            image.Rotate(-90); // stored as the camera saw it; orientation 6 turns it back
        image.Orientation = orientation;

        var exif = new ExifProfile();
        exif.SetValue(ExifTag.ImageDescription, Marker);
        exif.SetValue(ExifTag.Orientation, (ushort)orientation);
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(4, 1), new Rational(22, 1), new Rational(1234, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(18, 1), new Rational(33, 1), new Rational(0, 1)]);
        image.SetProfile(exif);
        image.SetProfile(new XmpProfile(Encoding.UTF8.GetBytes(
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:description>" + Marker +
            "</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>")));
        if (format == MagickFormat.Jpeg)
        {
            var iptc = new IptcProfile();
            iptc.SetValue(IptcTag.Caption, Marker);
            image.SetProfile(iptc);
        }
        image.SetProfile(ColorProfiles.SRGB);
        image.Comment = Marker;
        if (lossless)
            image.Settings.SetDefine(MagickFormat.WebP, "lossless", true);
        image.Quality = 92;
        return image.ToByteArray(format);
    }

    /// <summary>The metadata directories MetadataExtractor finds in an image.</summary>
    public static IReadOnlyList<Directory> MetadataOf(byte[] image) => ImageMetadataReader.ReadMetadata(new MemoryStream(image));

    /// <summary>Asserts that the image carries no GPS, EXIF (IFD0, SubIFD), XMP, IPTC, comment or PNG text — nor the marker anywhere.</summary>
    public static void AssertNoMetadata(byte[] image)
    {
        var directories = MetadataOf(image);
        Assert.Empty(directories.OfType<GpsDirectory>());
        Assert.Empty(directories.OfType<ExifIfd0Directory>());
        Assert.Empty(directories.OfType<ExifSubIfdDirectory>());
        Assert.Empty(directories.OfType<ExifThumbnailDirectory>());
        Assert.Empty(directories.OfType<XmpDirectory>());
        Assert.Empty(directories.OfType<IptcDirectory>());
        Assert.Empty(directories.OfType<JpegCommentDirectory>());
        Assert.DoesNotContain(directories.OfType<PngDirectory>(), d => d.GetPngChunkType().Identifier is "tEXt" or "iTXt" or "zTXt" or "tIME" or "eXIf");
        Assert.False(Contains(image, MarkerBytes));
    }

    /// <summary>Asserts what the originals carry, so that a test of the stripped copy proves something.</summary>
    public static void AssertHasGpsAndMarker(byte[] image)
    {
        var directories = MetadataOf(image);
        Assert.NotEmpty(directories.OfType<GpsDirectory>());
        Assert.NotEmpty(directories.OfType<ExifIfd0Directory>());
        Assert.True(Contains(image, MarkerBytes));
    }

    /// <summary>Width, height and whether the top-left pixel is red (the picture is upright) once decoded.</summary>
    public static (int Width, int Height, bool RedTopLeft) Decode(byte[] content)
    {
        using var image = new MagickImage(content);
        using var pixels = image.GetPixels();
        var topLeft = pixels.GetPixel(2, 2).ToColor()!;
        return ((int)image.Width, (int)image.Height, topLeft.R > 200 && topLeft.G < 80 && topLeft.B < 80);
    }

    // ---- not images

    /// <summary>The start of a Windows executable: "MZ", the DOS stub and a PE header offset.</summary>
    public static byte[] WindowsExecutable() => [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, .. new byte[50], .. "PE\0\0"u8, .. new byte[200]];

    public static byte[] ElfExecutable() => [0x7F, .. "ELF"u8, 2, 1, 1, 0, .. new byte[120]];

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
