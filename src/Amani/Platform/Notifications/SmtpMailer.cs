using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Amani.Platform.Notifications;

/// <summary>
/// The outcome of one try to hand an e-mail to the SMTP server: <see cref="Accepted"/> only once the server answered
/// the end of the message with 2xx. <see cref="Error"/> holds a status code or the kind of failure, never the server's text.
/// </summary>
public sealed record MailOutcome(bool Accepted, string? Error);

/// <summary>Hands e-mail to the configured SMTP server with MailKit: one connection per message, every step time-limited.</summary>
public sealed class SmtpMailer(IOptions<SmtpOptions> options)
{
    /// <summary>Each network step (connect, TLS, authenticate, each command) gives up after this long.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);
    /// <summary>A whole try gives up after this long — well within <see cref="EmailOutboxSender.Lease"/>.</summary>
    public static readonly TimeSpan TryTimeout = TimeSpan.FromMinutes(2);

    public SmtpOptions Options => options.Value;

    public async Task<MailOutcome> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        using var client = new SmtpClient { Timeout = (int)StepTimeout.TotalMilliseconds };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TryTimeout);
        try
        {
            await client.ConnectAsync(smtp.Host ?? "", smtp.Port, Socket(smtp.Security), limit.Token);
            if (!string.IsNullOrEmpty(smtp.Username))
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", limit.Token);
            await client.SendAsync(message, limit.Token);
        }
        catch (Exception exception) when (Failure(exception, cancellationToken) is { } error)
        {
            return new MailOutcome(false, error);
        }
        // Accepted: the server took the message. Closing the connection politely may still fail; that changes nothing.
        try
        {
            await client.DisconnectAsync(true, CancellationToken.None);
        }
        catch (Exception exception) when (Failure(exception, CancellationToken.None) is not null)
        {
        }
        return new MailOutcome(true, null);
    }

    private static SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>What a failed try is called in the outbox, or null when the exception is not a delivery failure (a bug, or shutdown).</summary>
    private static string? Failure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        OperationCanceledException or TimeoutException => "Timed out",
        SmtpCommandException command => $"SMTP {(int)command.StatusCode} ({command.ErrorCode})",
        SmtpProtocolException => "SMTP protocol error",
        AuthenticationException => "SMTP authentication failed",
        SslHandshakeException => "TLS handshake failed",
        SocketException socket => $"Connection failed ({socket.SocketErrorCode})",
        ServiceNotConnectedException or ServiceNotAuthenticatedException or IOException => "Connection lost",
        _ => null,
    };
}
