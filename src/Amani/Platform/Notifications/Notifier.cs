using Amani.Platform.Hosting;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Notifications;

/// <summary>
/// Tells users about something, for every module: one <see cref="Notification"/> per user (in the app, in the user's
/// language), and per their <see cref="NotificationPreferences"/> an e-mail and an SMS queued in the outboxes, or a
/// mark for the daily digest. Everything is added to the caller's unit of work — saved in the same transaction as the
/// change that causes it, under that change's audit row (the outbox pattern); nothing is sent before that commits.
/// SMS go through the <see cref="ISmsOutbox"/> a module registers (Reporting's); without one they wait (see there).
/// </summary>
public sealed class Notifier(AmaniDbContext db, PublicAddress links, EmailOutboxSender emailSender, TimeProvider clock,
    ISmsOutbox? smsOutbox = null)
{
    /// <summary>At most this many users are notified of one thing.</summary>
    public const int MaxRecipients = 500;

    private bool _wakeOnSave;

    /// <summary>Adds the notifications of <paramref name="notice"/> for <paramref name="userIds"/>; returns how many users it concerns.</summary>
    public async Task<int> NotifyAsync(IEnumerable<Guid> userIds, Notice notice, CancellationToken cancellationToken)
    {
        var users = userIds.Distinct().Take(MaxRecipients).ToList();
        if (users.Count == 0)
            return 0;
        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        var preferences = await db.Set<NotificationPreferences>().AsNoTracking().Where(p => users.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, cancellationToken);
        foreach (var user in users)
            Add(user, preferences.GetValueOrDefault(user) ?? new NotificationPreferences { UserId = user }, notice, now);
        if (!_wakeOnSave)
        {
            // Send at once rather than at the next poll (the sender finds nothing until the transaction commits; then it polls).
            db.SavedChanges += (_, _) => emailSender.Wake();
            _wakeOnSave = true;
        }
        return users.Count;
    }

    private void Add(Guid user, NotificationPreferences preferences, Notice notice, DateTime now)
    {
        var language = preferences.Language;
        var notification = new Notification
        {
            UserId = user, Kind = notice.Kind, Language = language, Link = notice.Link, CreatedAt = now,
            Subject = NotificationText.Clip(notice.Subject.In(language), NotificationLimits.Subject),
            Body = NotificationText.Clip(notice.Body.In(language), NotificationLimits.Body),
        };
        db.Set<Notification>().Add(notification);

        if (preferences.Email == DeliveryMode.Immediately)
            db.Set<EmailOutboxMessage>().Add(NotificationText.Email(notification, links, now));
        else if (preferences.Email == DeliveryMode.DailyDigest)
            notification.EmailDigestAt = NotificationSettings.NextDigestAt(now);

        if (preferences.PhoneProtected is null)
            return;
        if (preferences.Sms == DeliveryMode.Immediately && smsOutbox is not null)
            smsOutbox.QueueForUser(db, user, NotificationText.Sms(notification), now);
        else if (preferences.Sms == DeliveryMode.Immediately)
            notification.SmsDigestAt = now; // no SMS outbox registered: it waits, due at once, for the digest composer to find one
        else if (preferences.Sms == DeliveryMode.DailyDigest)
            notification.SmsDigestAt = NotificationSettings.NextDigestAt(now);
    }
}
