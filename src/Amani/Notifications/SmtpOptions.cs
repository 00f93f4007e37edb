namespace Amani.Notifications;

/// <summary>How e-mail leaves the server: <c>none</c> (plain SMTP), <c>starttls</c> (upgrade after connecting), <c>tls</c> (TLS from the start).</summary>
public enum SmtpSecurity { None, StartTls, Tls }

/// <summary>
/// The SMTP server that e-mail notifications go through. Without a <see cref="Host"/> e-mail is not sent: it waits in the
/// outbox until one is configured. Read from <c>AMANI_SMTP_*</c> by <see cref="FromEnvironment"/> (for now; validated
/// options bound from configuration replace it).
/// </summary>
public sealed class SmtpOptions
{
    /// <summary><c>AMANI_SMTP_HOST</c>.</summary>
    public string? Host { get; set; }
    /// <summary><c>AMANI_SMTP_PORT</c>, default 587.</summary>
    public int Port { get; set; } = 587;
    /// <summary><c>AMANI_SMTP_SECURITY</c>: <c>none</c>, <c>starttls</c> (default) or <c>tls</c>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    /// <summary><c>AMANI_SMTP_USERNAME</c>; without it the server is not asked to authenticate.</summary>
    public string? Username { get; set; }
    /// <summary><c>AMANI_SMTP_PASSWORD</c>.</summary>
    public string? Password { get; set; }
    /// <summary>The sender address (<c>AMANI_SMTP_FROM</c>), e.g. <c>Amani &lt;amani@mission.example&gt;</c>.</summary>
    public string? From { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>The options from the <c>AMANI_SMTP_*</c> variables (unset or unreadable ones keep the default).</summary>
    public static SmtpOptions FromEnvironment()
    {
        var options = new SmtpOptions();
        options.Host = Env("AMANI_SMTP_HOST");
        if (int.TryParse(Env("AMANI_SMTP_PORT"), out var port) && port is > 0 and <= 65535)
            options.Port = port;
        options.Security = Env("AMANI_SMTP_SECURITY")?.ToLowerInvariant() switch
        {
            "none" => SmtpSecurity.None,
            "tls" => SmtpSecurity.Tls,
            _ => SmtpSecurity.StartTls,
        };
        options.Username = Env("AMANI_SMTP_USERNAME");
        options.Password = Env("AMANI_SMTP_PASSWORD");
        options.From = Env("AMANI_SMTP_FROM");
        return options;
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;
}
