namespace Amani.Register.Attachments;

public static class FileNames
{
    /// <summary>
    /// A name safe to store and to send back in Content-Disposition: no directories, no control or path characters,
    /// at most <see cref="AttachmentLimits.FileName"/> characters, and the extension of the content's real type
    /// (a JPEG uploaded as "x.png" is named "x.jpg").
    /// </summary>
    public static string Sanitise(string? uploaded, ImageFormat format)
    {
        var stem = Path.GetFileNameWithoutExtension(Clean(uploaded)).Trim();
        if (stem.Length == 0)
            stem = "photo";
        var maxStem = AttachmentLimits.FileName - format.Extension.Length;
        return (stem.Length > maxStem ? stem[..maxStem] : stem) + format.Extension;
    }

    /// <summary>The uploaded name without directories, control or path characters, for error messages.</summary>
    public static string Clean(string? uploaded)
    {
        var name = (uploaded ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or ':' or '|' or '?' or '*')).ToArray()).Trim().Trim('.');
        return name.Length > AttachmentLimits.FileName ? name[..AttachmentLimits.FileName] : name;
    }
}
