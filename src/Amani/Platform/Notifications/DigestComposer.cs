using Amani.Platform.Hosting;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Notifications;

/// <summary>
/// Gathers the notifications waiting for a daily digest whose hour has come (<see cref="NotificationSettings.DigestHourUtc"/>)
/// into one e-mail (and one SMS) per user, queued in the outboxes, and clears their digest marks — in one transaction
/// under a database lock, so that two nodes never compose the same digest. SMS digests go through the registered
/// <see cref="ISmsOutbox"/> (Reporting's); without one, the SMS marks stay where they are and are sent once there is one.
/// </summary>
public sealed class DigestComposer(AmaniDbContext db, PublicAddress links, TimeProvider clock, ISmsOutbox? smsOutbox = null)
{
    private const long DigestLock = 0x414D414E49_0301;
    private const int UsersPerPass = 100;
    private const int ItemsPerDigest = 200;

    /// <summary>Composes the digests that are due now; returns how many were queued.</summary>
    public async Task<int> ComposeDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var notifications = db.Set<Notification>();
        var sendsSms = smsOutbox is not null;
        if (!await notifications.AnyAsync(n => n.EmailDigestAt <= now || (sendsSms && n.SmsDigestAt <= now), cancellationToken))
            return 0;
        await using var transaction = await DatabaseLocks.BeginExclusiveAsync(db, DigestLock, cancellationToken);
        var composed = 0;
        var emailUsers = await notifications.Where(n => n.EmailDigestAt <= now).Select(n => n.UserId).Distinct().Take(UsersPerPass).ToListAsync(cancellationToken);
        var smsUsers = smsOutbox is null ? []
            : await notifications.Where(n => n.SmsDigestAt <= now).Select(n => n.UserId).Distinct().Take(UsersPerPass).ToListAsync(cancellationToken);
        var users = emailUsers.Concat(smsUsers).Distinct().ToList();
        var preferences = await db.Set<NotificationPreferences>().AsNoTracking().Where(p => users.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);
        foreach (var user in emailUsers)
        {
            var items = await notifications.Where(n => n.UserId == user && n.EmailDigestAt <= now)
                .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(ItemsPerDigest).ToListAsync(cancellationToken);
            foreach (var item in items)
                item.EmailDigestAt = null;
            db.Set<EmailOutboxMessage>().Add(NotificationText.EmailDigest(user, LanguageOf(preferences, user), items, links, now));
            composed++;
        }
        foreach (var user in smsUsers)
        {
            var items = await notifications.Where(n => n.UserId == user && n.SmsDigestAt <= now)
                .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(ItemsPerDigest).ToListAsync(cancellationToken);
            foreach (var item in items)
                item.SmsDigestAt = null;
            if (preferences.GetValueOrDefault(user)?.PhoneProtected is null)
                continue; // the number was removed since: nothing to send to
            smsOutbox!.QueueForUser(db, user, NotificationText.SmsDigest(LanguageOf(preferences, user), items), now);
            composed++;
        }
        await db.SaveChangesAsync(cancellationToken); // delivery bookkeeping, declared on the notification configuration
        await transaction.CommitAsync(cancellationToken);
        return composed;
    }

    private static string LanguageOf(Dictionary<Guid, NotificationPreferences> preferences, Guid user) =>
        preferences.GetValueOrDefault(user)?.Language ?? NotificationLanguages.English;
}
