using Amani.Register.Reporting;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Reporting.Sms;

/// <summary>
/// Delivers queued SMS replies through the configured gateway, with retries and exponential backoff. Rows are claimed
/// under a database lock (a PostgreSQL advisory lock; SQLite's writer lock) and leased for a while, so several nodes
/// never send the same row twice and a node that dies mid-send releases its rows when the lease lapses.
/// Without a configured gateway nothing is claimed: replies stay queued.
/// </summary>
public sealed class SmsOutboxSender(IServiceScopeFactory scopes, SmsSettings settings, TimeProvider clock, ILogger<SmsOutboxSender> logger)
    : BackgroundService
{
    private const long ClaimLock = 0x414D414E49_0100;
    private const int BatchSize = 20;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim _wake = new(0);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
            _wake.Release();
    }

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (settings.TwilioSendingEnabled)
                await SendDueSafelyAsync(stoppingToken);
            try
            {
                await _wake.WaitAsync(settings.OutboxPollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendDueSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await SendDueAsync(stoppingToken) == BatchSize && !stoppingToken.IsCancellationRequested) { }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a cancelled database call surfaces in several exception types. Claimed rows are released when their lease lapses.
        }
        catch (Exception exception) when (DatabaseErrors.IsTransient(exception))
        {
            logger.LogError(exception, "The SMS outbox could not be processed; it is tried again at the next poll");
        }
    }

    /// <summary>Claims and sends the replies that are due; returns how many were claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        foreach (var id in claimed)
            await SendOneAsync(id, cancellationToken);
        return claimed.Count;
    }

    private async Task<List<Guid>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AmaniDbContext>();
        await using var transaction = await DatabaseLocks.BeginExclusiveAsync(db, ClaimLock, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var outbox = db.Set<SmsOutboxMessage>();
        var ids = await outbox.Where(m => (m.Status == SmsOutboxStatus.Queued && m.NextAttemptAt <= now)
                                          || (m.Status == SmsOutboxStatus.Sending && m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (ids.Count > 0)
        {
            // Delivery bookkeeping (lease and try counter), not a change of the product's state: the outcome is audited.
            var until = now + Lease;
            await outbox.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, SmsOutboxStatus.Sending)
                .SetProperty(m => m.LockedUntil, until)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        }
        await transaction.CommitAsync(CancellationToken.None); // a claim half-committed by a shutdown is a transaction error; it takes milliseconds
        return ids;
    }

    private async Task SendOneAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AmaniDbContext>();
        services.GetRequiredService<AuditActor>().Actor = "sms-outbox";
        var message = await db.Set<SmsOutboxMessage>().FirstAsync(m => m.Id == id, cancellationToken);
        var phone = message.UserId is { } userId
            ? await services.GetRequiredService<Platform.Notifications.NotificationPhoneProtection>().PhoneOfAsync(db, userId, cancellationToken)
            : await ReporterPhoneAsync(db, services, message, cancellationToken);

        SendOutcome outcome;
        if (string.IsNullOrWhiteSpace(phone))
            outcome = new SendOutcome(false, true, null, message.UserId is null ? "The report has no phone number." : "The user has no notification phone number.");
        else
        {
            try
            {
                outcome = await services.GetRequiredService<TwilioClient>().SendAsync(phone, message.Body, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                outcome = new SendOutcome(false, false, null, exception is TaskCanceledException ? "Timed out" : "Gateway unreachable");
            }
        }
        // Once the gateway has taken the message, its outcome is recorded even while the server shuts down: a cancelled
        // record would leave the reply "sending", and it would be sent to the reporter a second time when its lease lapses.
        using var recording = new CancellationTokenSource(RecordTimeout);
        await RecordAsync(db, services.GetRequiredService<AuditLog>(), message, outcome, recording.Token);
    }

    private static readonly TimeSpan RecordTimeout = TimeSpan.FromSeconds(10);

    private static async Task<string?> ReporterPhoneAsync(AmaniDbContext db, IServiceProvider services, SmsOutboxMessage message,
        CancellationToken cancellationToken)
    {
        var contact = await db.CommunityReports.Where(r => r.Id == message.ReportId).Select(r => r.ContactProtected).FirstOrDefaultAsync(cancellationToken);
        return services.GetRequiredService<ContactProtection>().Unprotect(contact)?.Phone;
    }

    private async Task RecordAsync(AmaniDbContext db, AuditLog audit, SmsOutboxMessage message, SendOutcome outcome, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        message.LockedUntil = null;
        message.LastError = outcome.Error;
        if (outcome.Sent && message.UserId is not null)
        {
            // A notification to a user: delivery bookkeeping (declared on the SMS outbox configuration), not audited.
            message.Status = SmsOutboxStatus.Sent;
            message.SentAt = AuditChain.Truncate(now);
            message.GatewayMessageId = outcome.GatewayMessageId;
            logger.LogInformation("SMS notification {OutboxId} handed to Twilio after {Attempts} attempt(s)", message.Id, message.Attempts);
        }
        else if (outcome.Sent)
        {
            message.Status = SmsOutboxStatus.Sent;
            message.SentAt = AuditChain.Truncate(now);
            message.GatewayMessageId = outcome.GatewayMessageId;
            audit.Record(AuditAction.SmsReplySent, CommunityReport.AuditEntity, message.ReportId, $"Reply {message.ReportMessageId} delivered to the reporter by SMS (Twilio).");
            logger.LogInformation("SMS reply {OutboxId} for report {ReportId} handed to Twilio after {Attempts} attempt(s)", message.Id, message.ReportId, message.Attempts);
        }
        else if ((outcome.Permanent || message.Attempts >= settings.MaxSendAttempts) && message.UserId is not null)
        {
            message.Status = SmsOutboxStatus.Failed;
            logger.LogWarning("SMS notification {OutboxId} failed for good after {Attempts} attempt(s): {Error}", message.Id, message.Attempts, outcome.Error);
        }
        else if (outcome.Permanent || message.Attempts >= settings.MaxSendAttempts)
        {
            message.Status = SmsOutboxStatus.Failed;
            audit.Record(AuditAction.SmsReplyFailed, CommunityReport.AuditEntity, message.ReportId,
                $"Reply {message.ReportMessageId} could not be sent by SMS after {message.Attempts} attempt(s): {outcome.Error}");
            logger.LogWarning("SMS reply {OutboxId} for report {ReportId} failed for good after {Attempts} attempt(s): {Error}",
                message.Id, message.ReportId, message.Attempts, outcome.Error);
        }
        else
        {
            var next = now + Backoff(message.Attempts);
            logger.LogWarning("SMS reply {OutboxId} for report {ReportId} failed (attempt {Attempts}: {Error}); retrying at {NextAttemptAt:o}",
                message.Id, message.ReportId, message.Attempts, outcome.Error, next);
            await db.Set<SmsOutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, SmsOutboxStatus.Queued)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LockedUntil, (DateTime?)null)
                .SetProperty(m => m.LastError, outcome.Error), cancellationToken);
            return;
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
