namespace Amani.Governance.Surveys.Forms;

/// <summary>
/// An XLSForm question type and how the XForm carries it (as pyxform writes it): the bind's type, the body control
/// (<c>input</c>, <c>select1</c>, <c>select</c>, <c>upload</c>, <c>trigger</c>; null for questions without a control), the
/// upload's media type, a preload (metadata filled by the client), and whether a label is needed.
/// </summary>
internal sealed record XlsQuestionType(
    string Name,
    string BindType,
    string? Control,
    string? MediaType = null,
    string? Preload = null,
    string? PreloadParams = null,
    bool NeedsLabel = true,
    bool ReadOnly = false)
{
    public bool IsSelect => Control is "select1" or "select";
}

/// <summary>The question types Amani converts, their aliases, and the XLSForm types it knows but does not convert.</summary>
internal static class XlsQuestionTypes
{
    public static readonly IReadOnlyList<XlsQuestionType> All =
    [
        new("text", "string", "input"),
        new("integer", "int", "input"),
        new("decimal", "decimal", "input"),
        new("select_one", "string", "select1"),
        new("select_multiple", "string", "select"),
        new("date", "date", "input"),
        new("datetime", "dateTime", "input"),
        new("time", "time", "input"),
        new("geopoint", "geopoint", "input"),
        new("geotrace", "geotrace", "input"),
        new("geoshape", "geoshape", "input"),
        new("barcode", "barcode", "input"),
        new("image", "binary", "upload", "image/*"),
        new("audio", "binary", "upload", "audio/*"),
        new("video", "binary", "upload", "video/*"),
        new("file", "binary", "upload", "application/*"),
        new("acknowledge", "string", "trigger"),
        new("note", "string", "input", ReadOnly: true),
        new("calculate", "string", null, NeedsLabel: false),
        new("hidden", "string", null, NeedsLabel: false),
        new("start", "dateTime", null, Preload: "timestamp", PreloadParams: "start", NeedsLabel: false),
        new("end", "dateTime", null, Preload: "timestamp", PreloadParams: "end", NeedsLabel: false),
        new("today", "date", null, Preload: "date", PreloadParams: "today", NeedsLabel: false),
        new("deviceid", "string", null, Preload: "property", PreloadParams: "deviceid", NeedsLabel: false),
        new("username", "string", null, Preload: "property", PreloadParams: "username", NeedsLabel: false),
    ];

    private static readonly Dictionary<string, XlsQuestionType> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["string"] = "text",
        ["int"] = "integer",
        ["select one"] = "select_one",
        ["select multiple"] = "select_multiple",
        ["select all that apply"] = "select_multiple",
        ["photo"] = "image",
        ["gps"] = "geopoint",
        ["location"] = "geopoint",
        ["calculation"] = "calculate",
        ["trigger"] = "acknowledge",
        ["date and time"] = "datetime",
    };

    /// <summary>XLSForm types Amani recognises but does not convert, with what to do instead.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotConverted = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["select_one_from_file"] = "Amani does not convert choices from an attached file yet; put the choices on the 'choices' sheet and use 'select_one'.",
        ["select_multiple_from_file"] = "Amani does not convert choices from an attached file yet; put the choices on the 'choices' sheet and use 'select_multiple'.",
        ["rank"] = "Amani does not convert 'rank' questions yet; use 'select_multiple' or several 'select_one' questions.",
        ["range"] = "Amani does not convert 'range' questions yet; use 'integer' with a constraint.",
        ["begin loop"] = "Amani does not convert loops; use 'begin repeat' or a group per item.",
        ["csv-external"] = "Amani does not convert external CSV instances yet.",
        ["xml-external"] = "Amani does not convert external XML instances yet.",
        ["audit"] = "Amani does not convert the 'audit' metadata yet; remove the row.",
        ["background-audio"] = "Amani does not convert 'background-audio' yet; remove the row.",
    };

    public static readonly IReadOnlyList<string> KnownWords =
        [.. All.Select(t => t.Name), "begin group", "end group", "begin repeat", "end repeat", .. NotConverted.Keys];

    public static XlsQuestionType? Find(string name) =>
        ByName.TryGetValue(Aliases.TryGetValue(name, out var alias) ? alias : name, out var type) ? type : null;

    /// <summary>The known type nearest to a misspelt one (at most 3 edits), for "did you mean".</summary>
    public static string? Nearest(string name) =>
        KnownWords.Select(w => (Word: w, Distance: Levenshtein(name, w))).Where(x => x.Distance <= 3)
            .OrderBy(x => x.Distance).Select(x => x.Word).FirstOrDefault();

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
