using Amani.Platform.Hosting;
using System.ComponentModel.DataAnnotations;

namespace Amani.Register.Reporting.Sms;

/// <summary>
/// The SMS gateways' configuration, bound from the configuration (<see cref="Hosting.Settings.SettingsBinder"/>). A gateway whose secret
/// is not set is switched off: its webhook answers 404 to signed calls (403 to unsigned ones, like every gateway).
/// </summary>
public sealed record SmsSettings
{
    /// <summary>Twilio auth token, the HMAC key of <c>X-Twilio-Signature</c> (<c>AMANI_SMS_TWILIO_AUTH_TOKEN</c>).</summary>
    [ConfigurationKeyName("AMANI_SMS_TWILIO_AUTH_TOKEN")]
    public string? TwilioAuthToken { get; init; }
    /// <summary>Twilio account SID for sending replies (<c>AMANI_SMS_TWILIO_ACCOUNT_SID</c>).</summary>
    [ConfigurationKeyName("AMANI_SMS_TWILIO_ACCOUNT_SID")]
    public string? TwilioAccountSid { get; init; }
    /// <summary>The sender of replies: a Twilio number, or a messaging service SID starting with MG (<c>AMANI_SMS_TWILIO_FROM</c>).</summary>
    [ConfigurationKeyName("AMANI_SMS_TWILIO_FROM")]
    public string? TwilioFrom { get; init; }
    /// <summary>Base address of the Twilio REST API (<c>AMANI_SMS_TWILIO_API_BASE</c>, default https://api.twilio.com).</summary>
    [ConfigurationKeyName("AMANI_SMS_TWILIO_API_BASE")]
    public Uri TwilioApiBase { get; init; } = new("https://api.twilio.com");
    /// <summary>
    /// The server's public base address as Twilio calls it, e.g. https://amani.example.org (<c>AMANI_SMS_PUBLIC_BASE_URL</c>),
    /// when it differs from <c>AMANI_PUBLIC_BASE_URL</c> (which is used otherwise). Twilio signs the full public URL, which a
    /// proxy in front of the server hides from it.
    /// </summary>
    [ConfigurationKeyName("AMANI_SMS_PUBLIC_BASE_URL")]
    public Uri? PublicBaseUrl { get; init; }
    /// <summary>Shared secret RapidPro/TextIt sends as <c>Authorization: Token …</c> (<c>AMANI_SMS_RAPIDPRO_SECRET</c>).</summary>
    [ConfigurationKeyName("AMANI_SMS_RAPIDPRO_SECRET")]
    public string? RapidProSecret { get; init; }
    /// <summary>Webhook calls per minute per gateway (<c>AMANI_SMS_RATE_LIMIT</c>, default 600).</summary>
    [ConfigurationKeyName("AMANI_SMS_RATE_LIMIT"), Range(1, int.MaxValue)]
    public int RequestsPerMinute { get; init; } = 600;
    /// <summary>How many times a reply is tried before it is marked failed (<c>AMANI_SMS_MAX_ATTEMPTS</c>, default 8).</summary>
    [ConfigurationKeyName("AMANI_SMS_MAX_ATTEMPTS"), Range(1, 1000)]
    public int MaxSendAttempts { get; init; } = 8;
    /// <summary>How often the outbox is polled for replies to send.</summary>
    public TimeSpan OutboxPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The base Twilio signs its calls for: this module's own setting, else the platform's public base URL; none: inbound Twilio is off.</summary>
    public string? TwilioSignedBase(PublicAddress links) =>
        PublicBaseUrl?.AbsoluteUri.TrimEnd('/') ?? (links.Configured ? links.Base : null);
    public bool TwilioSendingEnabled => TwilioAuthToken is not null && TwilioAccountSid is not null && TwilioFrom is not null;

}
