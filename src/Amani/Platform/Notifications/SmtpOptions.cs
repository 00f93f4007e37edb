using System.ComponentModel.DataAnnotations;
using Amani.Platform.Hosting.Settings;

namespace Amani.Platform.Notifications;

public enum SmtpSecurity { None, StartTls, Tls }

/// <summary>
/// The SMTP server that sends Amani's e-mail. Without <c>AMANI_SMTP_HOST</c> e-mail is not configured
/// (<see cref="IsConfigured"/>), and nothing is sent.
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const int DefaultPort = 587;

    /// <summary>Host name or address of the SMTP server (<c>AMANI_SMTP_HOST</c>); none by default.</summary>
    [ConfigurationKeyName("AMANI_SMTP_HOST"), HostName(orAddress: true)]
    public string? Host { get; set; }
    /// <summary>Port of the SMTP server (<c>AMANI_SMTP_PORT</c>, default 587, the submission port).</summary>
    [ConfigurationKeyName("AMANI_SMTP_PORT"), Range(1, 65_535)]
    public int Port { get; set; } = DefaultPort;
    /// <summary>
    /// How the connection is protected (<c>AMANI_SMTP_SECURITY</c>): <c>starttls</c> (default; upgrade a plain connection,
    /// usual on 587), <c>tls</c> (TLS from the first byte, usual on 465) or <c>none</c> (a relay on the same host only).
    /// </summary>
    [ConfigurationKeyName("AMANI_SMTP_SECURITY")]
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    /// <summary>User name for SMTP authentication (<c>AMANI_SMTP_USERNAME</c>); none: the server is used without signing in.</summary>
    [ConfigurationKeyName("AMANI_SMTP_USERNAME")]
    public string? Username { get; set; }
    /// <summary>Password for SMTP authentication (<c>AMANI_SMTP_PASSWORD</c>).</summary>
    [ConfigurationKeyName("AMANI_SMTP_PASSWORD")]
    public string? Password { get; set; }
    /// <summary>The sender address of every e-mail (<c>AMANI_SMTP_FROM</c>); required when <see cref="Host"/> is set.</summary>
    [ConfigurationKeyName("AMANI_SMTP_FROM"), MailAddress]
    public string? From { get; set; }

    /// <summary>Whether e-mail can be sent at all: only when <c>AMANI_SMTP_HOST</c> is set.</summary>
    public bool IsConfigured => Host is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Host is not null && From is null)
            yield return new SettingsBinder.RuleResult("is required when AMANI_SMTP_HOST is set", nameof(From));
        if (Password is not null && Username is null)
            yield return new SettingsBinder.RuleResult("is required when AMANI_SMTP_PASSWORD is set", nameof(Username));
    }
}
