namespace Amani.Register.Attachments;

/// <summary>Recognises an accepted image by its content and returns a copy without metadata (EXIF, GPS, XMP, IPTC, comments).</summary>
public static class ImageMetadata
{
    /// <summary>The stripped image, or null when the content is not a well-formed JPEG, PNG or WebP.</summary>
    public static StrippedImage? Strip(ReadOnlySpan<byte> content)
    {
        var format = ImageFormat.Sniff(content);
        if (format == ImageFormat.Jpeg)
            return JpegMetadata.Strip(content);
        if (format == ImageFormat.Png)
            return PngMetadata.Strip(content);
        if (format == ImageFormat.Webp)
            return WebpMetadata.Strip(content);
        return null;
    }
}
