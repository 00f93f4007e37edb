namespace Amani.Platform.Notifications;

/// <summary>
/// Something a user is told, in their language, in the app (always) and by e-mail or SMS as they chose. Written in the
/// same transaction as the change that caused it, and part of that change's audit. <see cref="ReadAt"/> and the digest
/// marks are delivery bookkeeping (declared in <see cref="NotificationConfiguration"/>).
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    /// <summary>What it is about, a stable name such as <c>alert-raised</c> (<see cref="NotificationKinds"/>).</summary>
    public required string Kind { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    /// <summary>Where the record is in the app: a path such as <c>/missions/ALPHA/alerts</c>.</summary>
    public string? Link { get; set; }
    /// <summary>The language the texts were written in (<c>en</c>, <c>fr</c>).</summary>
    public required string Language { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    /// <summary>While it waits for the user's daily e-mail digest: when that digest is due; null otherwise.</summary>
    public DateTime? EmailDigestAt { get; set; }
    /// <summary>While it waits for the user's daily SMS digest: when that digest is due; null otherwise.</summary>
    public DateTime? SmsDigestAt { get; set; }
}

/// <summary>How a channel delivers: each notification as it happens, one message a day, or not at all.</summary>
public enum DeliveryMode { Immediately, DailyDigest, Off }

/// <summary>
/// A user's choices: per channel a <see cref="DeliveryMode"/> (the in-app list is always on) and a language. A user
/// without a row has the defaults: e-mail immediately, no SMS, English. The SMS number is stored encrypted
/// (<see cref="NotificationPhoneProtection"/>), like a reporter's contact.
/// </summary>
public sealed class NotificationPreferences
{
    public Guid UserId { get; set; }
    public DeliveryMode Email { get; set; } = DeliveryMode.Immediately;
    public DeliveryMode Sms { get; set; } = DeliveryMode.Off;
    public string Language { get; set; } = NotificationLanguages.English;
    public string? PhoneProtected { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public static class NotificationLanguages
{
    public const string English = "en";
    public const string French = "fr";
    public static readonly IReadOnlyList<string> All = [English, French];
}

public enum EmailOutboxStatus { Queued, Sending, Sent, Failed }

/// <summary>
/// An e-mail waiting to be sent (or sent, or given up). The address is not copied here: the sender reads the user's
/// account e-mail when it sends. <see cref="MessageId"/> is fixed when the row is written, so that a message sent again
/// after a crash carries the same Message-ID (see <see cref="EmailOutboxSender"/>).
/// </summary>
public sealed class EmailOutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    /// <summary>The notification it delivers; null for a daily digest (several notifications).</summary>
    public Guid? NotificationId { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public EmailOutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>While <see cref="EmailOutboxStatus.Sending"/>: when the claim lapses (a node that died mid-send releases it).</summary>
    public DateTime? LockedUntil { get; set; }
    /// <summary>What went wrong last: an SMTP status code or the kind of failure, never the server's text.</summary>
    public string? LastError { get; set; }
    public required string MessageId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

public static class NotificationLimits
{
    public const int Kind = 40;
    public const int Subject = 300;
    public const int Body = 4000;
    public const int Link = 500;
    public const int Phone = 32;
}
