namespace Amani.Register.Reporting.Sms;

public enum SmsOutboxStatus { Queued, Sending, Sent, Failed }

/// <summary>
/// An SMS waiting to be sent: a staff reply to an SMS reporter (<see cref="ReportId"/> and <see cref="ReportMessageId"/>),
/// or a notification to a user who chose SMS (<see cref="UserId"/>). The phone number is not copied here: the sender
/// decrypts it from the report, or from the user's notification preferences, at sending time. Written in the same
/// transaction as the reply (or the change notified) and its audit row.
/// </summary>
public sealed class SmsOutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? ReportId { get; set; }
    public Guid? ReportMessageId { get; set; }
    /// <summary>For a notification: the user whose (encrypted) notification phone number receives it.</summary>
    public Guid? UserId { get; set; }
    public required string Body { get; set; }
    public SmsOutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>While <see cref="SmsOutboxStatus.Sending"/>: when the claim lapses (a node that died mid-send releases it).</summary>
    public DateTime? LockedUntil { get; set; }
    /// <summary>The gateway's answer to the last failed try: HTTP status and error code only, never its text (it may quote the number).</summary>
    public string? LastError { get; set; }
    public string? GatewayMessageId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

/// <summary>An SMS a gateway delivered to us, by its gateway message id, so that a gateway's retry is answered, not re-applied.</summary>
public sealed class SmsInboundMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>SHA-256 of "gateway:message id".</summary>
    public required string MessageKeyHash { get; set; }
    public Guid? ReportId { get; set; }
    public DateTime ReceivedAt { get; set; }
}
