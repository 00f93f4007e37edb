using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Amani.Platform.Problems;

/// <summary>
/// JSON conventions of the API: camelCase names, enums as camelCase names only (no numbers), strict reading (a property
/// given twice is refused), and
/// HTML-sensitive characters (&lt; &gt; &amp; ' ") escaped on output so stored text can never be sniffed or embedded as
/// markup; other Unicode text (Arabic, accented French) is written as is.
/// </summary>
public static class JsonSetup
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        // {"confidentiality":"restricted","confidentiality":"public"} is refused, not read as its last value.
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new TextConverter());
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
    }
}
