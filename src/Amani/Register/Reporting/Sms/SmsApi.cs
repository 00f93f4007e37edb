using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Amani.Platform.Hosting;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Amani.Register.Reporting.Sms;

/// <summary>
/// The SMS gateways' webhooks. Both are anonymous but authenticated by the gateway: Twilio by <c>X-Twilio-Signature</c>,
/// RapidPro by a shared secret. A call that is not (validly) signed gets 403 and stores nothing; a signed call to a
/// gateway this server has not configured gets 404; a signed payload without sender or text gets 400.
/// </summary>
public static partial class SmsApi
{
    public const int MaxBody = 1600; // Twilio's limit for one (concatenated) message
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapSmsApi(this RouteGroupBuilder api)
    {
        var sms = api.MapGroup("/sms").WithTags("SMS gateways").RequireRateLimiting(SmsSetup.RateLimit).DisableAntiforgery();
        sms.MapPost("/twilio", Twilio).WithName("TwilioSmsWebhook").Accepts<IFormCollection>("application/x-www-form-urlencoded");
        sms.MapPost("/rapidpro", RapidPro).WithName("RapidProSmsWebhook").Accepts<RapidProWebhook>("application/json");
        return api;
    }

    private static async Task<IResult> Twilio(HttpContext http, SmsSettings settings, PublicAddress links, SmsInbox inbox, ILogger<SmsInbox> logger,
        CancellationToken cancellationToken)
    {
        var signature = http.Request.Headers["X-Twilio-Signature"].ToString();
        if (signature.Length == 0)
            return Refuse(logger, "twilio", "Unsigned call: Twilio webhooks must carry X-Twilio-Signature.");
        if (settings.TwilioAuthToken is null || settings.TwilioSignedBase(links) is not { } signedBase)
            return Problem.NotFound("The Twilio gateway (not configured here: set AMANI_SMS_TWILIO_AUTH_TOKEN and AMANI_PUBLIC_BASE_URL)");
        IFormCollection form;
        try
        {
            form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        }
        catch (InvalidDataException)
        {
            return Problem.Of(ProblemType.MalformedRequest, "The body is not a readable form (application/x-www-form-urlencoded) as Twilio sends.");
        }
        var parameters = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList();
        var url = signedBase + http.Request.Path + http.Request.QueryString;
        if (!TwilioSignature.IsValid(settings.TwilioAuthToken!, url, parameters, signature))
            return Refuse(logger, "twilio", $"The X-Twilio-Signature does not match this request signed for {url}. Check AMANI_PUBLIC_BASE_URL (or AMANI_SMS_PUBLIC_BASE_URL) and the auth token.");

        var messageSid = form["MessageSid"].ToString() is { Length: > 0 } sid ? sid : form["SmsSid"].ToString();
        if (Check(form["From"].ToString(), form["Body"].ToString(), messageSid, "From", "Body", "MessageSid") is { } invalid)
            return invalid;
        var answer = await inbox.HandleAsync(new InboundSms("twilio", form["From"].ToString().Trim(), form["Body"].ToString(), messageSid), cancellationToken);
        if (answer.KeyConflict)
            return Problem.Conflict("This MessageSid was already used for a different message.");
        var twiml = new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement("Response", new XElement("Message", answer.Reply)));
        return TypedResults.Text(twiml.Declaration + twiml.ToString(SaveOptions.DisableFormatting), "text/xml", Encoding.UTF8);
    }

    private static async Task<IResult> RapidPro(HttpContext http, SmsSettings settings, SmsInbox inbox, ILogger<SmsInbox> logger,
        CancellationToken cancellationToken)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Token ", StringComparison.OrdinalIgnoreCase))
            return Refuse(logger, "rapidpro", "Unsigned call: RapidPro webhooks must carry 'Authorization: Token <secret>'.");
        if (settings.RapidProSecret is null)
            return Problem.NotFound("The RapidPro gateway (not configured here: set AMANI_SMS_RAPIDPRO_SECRET)");
        if (!SameSecret(authorization["Token ".Length..].Trim(), settings.RapidProSecret))
            return Refuse(logger, "rapidpro", "The webhook secret is wrong. Set the header 'Authorization: Token <AMANI_SMS_RAPIDPRO_SECRET>' in the flow's webhook.");

        RapidProWebhook? payload;
        try
        {
            payload = await JsonSerializer.DeserializeAsync<RapidProWebhook>(http.Request.Body, Json, cancellationToken);
        }
        catch (JsonException exception)
        {
            return Problem.Of(ProblemType.MalformedRequest, $"The body is not RapidPro's webhook JSON: {exception.Message}");
        }
        var phone = payload?.Phone;
        var text = payload?.Input?.Text ?? "";
        var id = payload?.Input?.Uuid;
        if (Check(phone ?? "", text, id, "input.urn", "input.text", "input.uuid", messageIdRequired: false) is { } invalid)
            return invalid;
        var answer = await inbox.HandleAsync(new InboundSms("rapidpro", phone!.Trim(), text, id), cancellationToken);
        if (answer.KeyConflict)
            return Problem.Conflict("This input.uuid was already used for a different message.");
        return TypedResults.Ok(new RapidProReply(answer.Reply, answer.TrackingCode));
    }

    /// <summary>The payload checks common to both gateways: a phone number, a text within limits, a plausible message id.</summary>
    private static ValidationProblem? Check(string from, string body, string? messageId, string fromField, string bodyField, string idField,
        bool messageIdRequired = true)
    {
        if (!PhonePattern().IsMatch(from.Trim()))
            return Problem.Invalid(fromField, "The sender must be a phone number (digits, optionally starting with +).");
        if (string.IsNullOrWhiteSpace(body))
            return Problem.Invalid(bodyField, "The message text is empty.");
        if (body.Length > MaxBody)
            return Problem.Invalid(bodyField, $"The message text is longer than {MaxBody} characters.");
        if ((messageIdRequired && string.IsNullOrEmpty(messageId)) || messageId is { Length: > 64 })
            return Problem.Invalid(idField, "Give the gateway's message id (at most 64 characters); it makes retries safe.");
        return null;
    }

    private static ProblemHttpResult Refuse(ILogger logger, string gateway, string detail)
    {
        logger.LogWarning("Refused an SMS webhook call for {Gateway}: missing or wrong signature", gateway);
        return Problem.Forbidden(detail);
    }

    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    [GeneratedRegex(@"^\+?[0-9 ()\-.]{6,32}$")]
    private static partial Regex PhonePattern();
}
