using System.Text.Json;
using System.Text.Json.Serialization;

namespace Amani.Platform.Problems;

/// <summary>
/// Strings in API bodies: the NUL character (U+0000) is refused with 400 — no field legitimately holds it, SQLite would
/// store it and PostgreSQL refuses it in text (which was a 500 there). Anything but a JSON string or null is the usual
/// "wrong type" answer.
/// </summary>
public sealed class TextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException(); // STJ words it: "The JSON value could not be converted to System.String", with the path
        var text = reader.GetString()!;
        return text.Contains('\0')
            ? throw new JsonException("the text contains the NUL character (U+0000), which no field accepts; remove it")
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
