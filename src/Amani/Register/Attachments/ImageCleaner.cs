using Amani.Platform.FollowUps;

namespace Amani.Register.Attachments;

/// <summary>Lends <see cref="ImageMetadata"/> to the platform (follow-up evidence): an upright copy without EXIF, GPS, XMP or IPTC.</summary>
internal sealed class ImageCleaner : IImageCleaner
{
    public (byte[] Content, string MediaType, string Extension)? Clean(ReadOnlySpan<byte> content) =>
        ImageMetadata.Strip(content) is { } stripped ? (stripped.Content, stripped.Format.MediaType, stripped.Format.Extension) : null;
}
