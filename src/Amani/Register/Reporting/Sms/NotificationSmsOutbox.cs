using Amani.Platform.Data;
using Amani.Platform.Notifications;

namespace Amani.Register.Reporting.Sms;

/// <summary>
/// The platform's notifications send their SMS through this module's outbox (<see cref="ISmsOutbox"/>): a row with the
/// user set, sent by <see cref="SmsOutboxSender"/> through the configured gateway like a reply to a reporter.
/// </summary>
internal sealed class NotificationSmsOutbox : ISmsOutbox
{
    public void QueueForUser(AmaniDbContext db, Guid userId, string body, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(body.Length, ReportLimits.Message, nameof(body));
        db.Set<SmsOutboxMessage>().Add(new SmsOutboxMessage
        {
            UserId = userId, Body = body, Status = SmsOutboxStatus.Queued, CreatedAt = now, NextAttemptAt = now,
        });
    }
}
