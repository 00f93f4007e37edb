using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Amani.Register.Reporting.Sms;

/// <summary>The outcome of one try to hand an SMS to a gateway. <see cref="Error"/> holds codes only, never the gateway's text.</summary>
public sealed record SendOutcome(bool Sent, bool Permanent, string? GatewayMessageId, string? Error);

/// <summary>Sends an SMS with Twilio's REST API: <c>POST {base}/2010-04-01/Accounts/{sid}/Messages.json</c>, basic auth.</summary>
public sealed class TwilioClient(HttpClient http, SmsSettings settings)
{
    public async Task<SendOutcome> SendAsync(string to, string body, CancellationToken cancellationToken)
    {
        var from = settings.TwilioFrom!;
        var url = new Uri(settings.TwilioApiBase, $"2010-04-01/Accounts/{Uri.EscapeDataString(settings.TwilioAccountSid!)}/Messages.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(
            [
                new("To", to), new("Body", body),
                new(from.StartsWith("MG", StringComparison.Ordinal) ? "MessagingServiceSid" : "From", from),
            ]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.TwilioAccountSid}:{settings.TwilioAuthToken}")));
        using var response = await http.SendAsync(request, cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
            return new SendOutcome(true, false, Read(json, "sid"), null);
        var permanent = (int)response.StatusCode is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout);
        var code = Read(json, "code");
        return new SendOutcome(false, permanent, null, $"HTTP {(int)response.StatusCode}" + (code is null ? "" : $", Twilio error {code}"));
    }

    /// <summary>A top-level string or number of a JSON answer, or null (an answer that is not JSON has none).</summary>
    private static string? Read(string json, string name)
    {
        if (string.IsNullOrWhiteSpace(json) || json.TrimStart()[0] != '{')
            return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()) is { Length: <= 64 } text ? text : null
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
