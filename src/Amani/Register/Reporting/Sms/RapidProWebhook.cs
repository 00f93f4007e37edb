using System.Text.Json;

namespace Amani.Register.Reporting.Sms;

/// <summary>
/// The body RapidPro/TextIt posts from a flow's "Call Webhook" action with its default payload: the contact (with its
/// URN such as <c>tel:+236…</c>) and the input message (its uuid, text and URN). Other members are ignored.
/// </summary>
public sealed record RapidProWebhook(RapidProContact? Contact, RapidProInput? Input)
{
    /// <summary>The sender's phone number from the input's URN (or else the contact's), when its scheme is <c>tel</c>.</summary>
    public string? Phone => PhoneOf(Input?.Urn) ?? PhoneOf(Contact?.Urn);

    private static string? PhoneOf(JsonElement? urn) => urn switch
    {
        { ValueKind: JsonValueKind.String } text => TelPath(text.GetString()),
        { ValueKind: JsonValueKind.Object } parts when parts.TryGetProperty("scheme", out var scheme) && parts.TryGetProperty("path", out var path)
            && scheme.ValueKind == JsonValueKind.String && path.ValueKind == JsonValueKind.String =>
            scheme.GetString() == "tel" ? path.GetString() : null,
        _ => null,
    };

    private static string? TelPath(string? urn) =>
        urn is not null && urn.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? urn[4..].Split('?', '#')[0] : null;
}

public sealed record RapidProContact(string? Uuid, JsonElement? Urn);

public sealed record RapidProInput(string? Uuid, string? Text, string? Type, JsonElement? Urn);

/// <summary>The answer to RapidPro: the flow sends <c>@webhook.json.reply</c> back to the contact.</summary>
public sealed record RapidProReply(string Reply, string? TrackingCode);
