namespace Amani.Governance.Surveys.Forms;

/// <summary>
/// A column header understood: its base name (<c>label</c>, <c>hint</c>, <c>media</c>, <c>constraint_message</c>, …), the
/// media form for media columns (<c>image</c>, <c>big-image</c>, <c>audio</c>, <c>video</c>), the language when the header
/// names one (<c>label::Français (fr)</c>), and the header as written (for problems).
/// </summary>
internal sealed record XlsColumn(string Base, string? Media, string? Language, string Header);

/// <summary>How XLSForm column headers are read: case-insensitive, spaces or underscores, the usual aliases.</summary>
internal static class XlsColumns
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["list name"] = "list_name",
        ["constraint message"] = "constraint_message",
        ["jr:constraintmsg"] = "constraint_message",
        ["required message"] = "required_message",
        ["jr:requiredmsg"] = "required_message",
        ["relevance"] = "relevant",
        ["choice filter"] = "choice_filter",
        ["repeat count"] = "repeat_count",
        ["jr:count"] = "repeat_count",
        ["calculate"] = "calculation",
        ["id_string"] = "form_id",
        ["form id"] = "form_id",
        ["form title"] = "form_title",
        ["title"] = "form_title",
        ["default language"] = "default_language",
    };

    /// <summary>Columns whose values may be given per language.</summary>
    private static readonly HashSet<string> Translatable = ["label", "hint", "constraint_message", "required_message", "media"];

    private static readonly HashSet<string> MediaForms = ["image", "big-image", "audio", "video"];

    public static XlsColumn Parse(string header)
    {
        var parts = header.Split("::", StringSplitOptions.TrimEntries);
        var head = parts[0].Trim();
        var name = Aliases.TryGetValue(head, out var alias) ? alias : head.ToLowerInvariant().Replace(' ', '_');
        if (MediaForms.Contains(name))
            return new XlsColumn("media", name, parts.Length > 1 ? Blank(parts[1]) : null, header);
        if (name == "media" && parts.Length > 1)
        {
            var form = parts[1].ToLowerInvariant();
            return MediaForms.Contains(form)
                ? new XlsColumn("media", form, parts.Length > 2 ? Blank(parts[2]) : null, header)
                : new XlsColumn("media:" + form, null, null, header);
        }
        if (Translatable.Contains(name) && parts.Length > 1)
            return new XlsColumn(name, null, Blank(parts[1]), header);
        return new XlsColumn(name, null, null, header);
    }

    /// <summary>The headers of a sheet understood, in column order.</summary>
    public static IReadOnlyList<XlsColumn> Of(XlsSheet sheet) => sheet.Headers.Select(Parse).ToList();

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// Text given per language: a cell per language column (<c>label::English (en)</c>); a column without language counts
/// for the form's default language (or <c>"default"</c>). Media as (form, language) → file name.
/// </summary>
internal sealed class XlsTexts
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Language → the header of the column the text came from.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Values.Count == 0;

    public static XlsTexts Read(XlsRow row, IEnumerable<XlsColumn> columns, string baseName, string unnamedLanguage)
    {
        var texts = new XlsTexts();
        foreach (var column in columns.Where(c => c.Base == baseName && c.Media is null))
        {
            var value = row.Get(column.Header);
            if (value.Length > 0 && texts.Values.TryAdd(column.Language ?? unnamedLanguage, value))
                texts.Headers[column.Language ?? unnamedLanguage] = column.Header;
        }
        return texts;
    }

    /// <summary>The media of a row: (form, language) → file name.</summary>
    public static Dictionary<(string Form, string Language), string> Media(XlsRow row, IEnumerable<XlsColumn> columns, string unnamedLanguage)
    {
        var media = new Dictionary<(string, string), string>();
        foreach (var column in columns.Where(c => c.Base == "media" && c.Media is not null))
        {
            var value = row.Get(column.Header);
            if (value.Length > 0)
                media.TryAdd((column.Media!, column.Language ?? unnamedLanguage), value);
        }
        return media;
    }
}
