namespace Amani.Platform.Notifications;

public sealed record NotificationResponse(Guid Id, string Kind, string Subject, string Body, string? Link, DateTime CreatedAt, DateTime? ReadAt);

/// <summary>A page of the caller's notifications, newest first; ask for the next with <c>before={NextBefore}</c>.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationResponse> Items, int Unread, Guid? NextBefore);

public sealed record UnreadCountResponse(int Unread);

public sealed record MarkedReadResponse(int Marked);

/// <summary>Whether e-mail can leave this server, and how many of the caller's e-mails wait in the outbox.</summary>
public sealed record EmailDeliveryStatus(bool Configured, int Waiting, string Detail);

/// <summary>
/// The caller's notification preferences: per channel <c>immediately</c>, <c>dailyDigest</c> or <c>off</c> (the in-app
/// list is always on), the language of the texts, and the phone number for SMS (their own, shown to them only).
/// </summary>
public sealed record NotificationPreferencesResponse(string Email, string Sms, string Language, string? Phone, int DigestHourUtc,
    EmailDeliveryStatus EmailDelivery);

/// <summary>All preferences at once (PUT): a field left out takes its default (e-mail immediately, SMS off, English, no phone).</summary>
public sealed record NotificationPreferencesRequest(string? Email, string? Sms, string? Language, string? Phone);
