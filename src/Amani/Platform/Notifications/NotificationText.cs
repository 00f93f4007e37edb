using System.Globalization;
using System.Text;
using Amani.Platform.Hosting;

namespace Amani.Platform.Notifications;

/// <summary>The e-mail and SMS texts around notifications, in English or French.</summary>
public static class NotificationText
{
    public const string SubjectPrefix = "[Amani] ";
    public const int SmsLength = 480; // three SMS segments at most

    public static EmailOutboxMessage Email(Notification notification, PublicAddress links, DateTime now)
    {
        var french = notification.Language == NotificationLanguages.French;
        var body = new StringBuilder(notification.Body).Append("\n\n");
        if (notification.Link is not null)
            body.Append(french ? "Ouvrir dans Amani : " : "Open in Amani: ").Append(links.LinkOrPath(notification.Link)).Append("\n\n");
        body.Append(Footer(french, links));
        var id = Guid.CreateVersion7();
        return new EmailOutboxMessage
        {
            Id = id, UserId = notification.UserId, NotificationId = notification.Id, Subject = Clip(SubjectPrefix + notification.Subject, NotificationLimits.Subject),
            Body = body.ToString(), Status = EmailOutboxStatus.Queued, NextAttemptAt = now, CreatedAt = now, MessageId = MessageIdOf(id),
        };
    }

    /// <summary>One e-mail with the day's notifications, oldest first.</summary>
    public static EmailOutboxMessage EmailDigest(Guid userId, string language, IReadOnlyList<Notification> items, PublicAddress links, DateTime now)
    {
        var french = language == NotificationLanguages.French;
        var date = now.ToString(french ? "dd/MM/yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var body = new StringBuilder(french
            ? $"Vos notifications Amani ({items.Count}) jusqu'au {date} à {NotificationSettings.DigestHourUtc:00}:00 UTC :\n\n"
            : $"Your Amani notifications ({items.Count}) up to {date} {NotificationSettings.DigestHourUtc:00}:00 UTC:\n\n");
        foreach (var item in items)
        {
            body.Append("• ").Append(item.Subject).Append(" (").Append(item.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" UTC)\n")
                .Append("  ").Append(item.Body.Replace("\n", "\n  ")).Append('\n');
            if (item.Link is not null)
                body.Append("  ").Append(links.LinkOrPath(item.Link)).Append('\n');
            body.Append('\n');
        }
        body.Append(Footer(french, links));
        var id = Guid.CreateVersion7();
        return new EmailOutboxMessage
        {
            Id = id, UserId = userId, Subject = SubjectPrefix + (french ? $"Résumé du jour : {items.Count} notification(s)" : $"Daily digest: {items.Count} notification(s)"),
            Body = body.ToString(), Status = EmailOutboxStatus.Queued, NextAttemptAt = now, CreatedAt = now, MessageId = MessageIdOf(id),
        };
    }

    public static string Sms(Notification notification) => Clip($"Amani: {notification.Subject}", SmsLength);

    public static string SmsDigest(string language, IReadOnlyList<Notification> items) => Clip(
        (language == NotificationLanguages.French ? $"Amani: {items.Count} notification(s): " : $"Amani: {items.Count} notification(s): ") +
        string.Join("; ", items.Select(i => i.Subject)), SmsLength);

    /// <summary>The Message-ID of an outbox row, fixed when the row is written (a resend carries the same).</summary>
    public static string MessageIdOf(Guid outboxId) => $"{outboxId:N}@amani.notifications";

    public static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Footer(bool french, PublicAddress links) => french
        ? $"--\nAmani. Vous recevez ce message selon vos préférences de notification : {links.LinkOrPath(NotificationsPage)}\n"
        : $"--\nAmani. You receive this message because of your notification preferences: {links.LinkOrPath(NotificationsPage)}\n";

    public const string NotificationsPage = "/notifications";
}
