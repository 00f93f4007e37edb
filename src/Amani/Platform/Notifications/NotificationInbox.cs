using Amani.Platform.Records;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Notifications;

/// <summary>
/// A user's in-app notifications: the list, the unread count, marking read. Every query is narrowed to the user inside
/// the SQL, so a notification of someone else is simply not found.
/// </summary>
public sealed class NotificationInbox(AmaniDbContext db, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public async Task<NotificationPage> ListAsync(Guid userId, Guid? before, int? limit, bool unreadOnly, CancellationToken cancellationToken)
    {
        var size = Paging.Size(limit, MaxPageSize, byDefault: 20);
        var query = Mine(userId).AsNoTracking();
        if (before is { } cursor)
            query = query.Where(n => n.Id < cursor);
        if (unreadOnly)
            query = query.Where(n => n.ReadAt == null);
        var rows = await query.OrderByDescending(n => n.Id).Take(size + 1)
            .Select(n => new NotificationResponse(n.Id, n.Kind, n.Subject, n.Body, n.Link, n.CreatedAt, n.ReadAt)).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        return new NotificationPage(page, await UnreadCountAsync(userId, cancellationToken), rows.Count > size ? page[^1].Id : null);
    }

    public Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken) =>
        Mine(userId).CountAsync(n => n.ReadAt == null, cancellationToken);

    /// <summary>Marks one notification read (again is fine); false when the user has no such notification.</summary>
    public async Task<bool> MarkReadAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        var now = Audit.AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        // A read flag is bookkeeping, not a state change of the product (declared in NotificationConfiguration): not audited.
        return await Mine(userId).Where(n => n.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, n => n.ReadAt ?? now), cancellationToken) > 0;
    }

    public async Task<int> MarkAllReadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = Audit.AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        return await Mine(userId).Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    private IQueryable<Notification> Mine(Guid userId) => db.Set<Notification>().Where(n => n.UserId == userId);
}
