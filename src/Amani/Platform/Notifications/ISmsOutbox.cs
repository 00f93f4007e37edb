using Amani.Platform.Data;

namespace Amani.Platform.Notifications;

/// <summary>
/// Where notifications queue their SMS. The platform has no SMS channel of its own: the SMS outbox and its gateways are
/// the Reporting module's (<c>Register/Reporting/Sms</c>), which implements this and registers it — so the platform
/// names no module. Queuing adds a row to the caller's unit of work (the context given to
/// <see cref="QueueForUser"/>): it is saved in the same transaction as the change notified, and sent once that commits.
/// The number is not copied: the sender decrypts the user's notification phone (<see cref="NotificationPhoneProtection"/>)
/// when it sends.
/// </summary>
/// <remarks>
/// Without an implementation registered (no Reporting module), nothing is lost: <see cref="Notifier"/> and
/// <see cref="DigestComposer"/> leave a user's SMS waiting as a digest mark (<c>sms_digest_at</c>), sent as a digest
/// once an outbox is there.
/// </remarks>
public interface ISmsOutbox
{
    /// <summary>
    /// Adds to <paramref name="db"/>'s unit of work an SMS of <paramref name="body"/> (at most
    /// <see cref="NotificationText.SmsLength"/> characters) to <paramref name="userId"/>'s notification phone number.
    /// </summary>
    void QueueForUser(AmaniDbContext db, Guid userId, string body, DateTime now);
}
