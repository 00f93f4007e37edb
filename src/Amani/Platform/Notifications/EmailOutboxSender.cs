using Amani.Platform.Directories;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Amani.Platform.Notifications;

/// <summary>
/// Delivers the e-mail outbox through the SMTP server (<see cref="SmtpOptions"/>), with retries and exponential backoff,
/// and composes the daily digests that are due (<see cref="DigestComposer"/>).
/// <para>
/// Rows are claimed under a database lock (a PostgreSQL advisory lock; SQLite's writer lock) and leased for
/// <see cref="Lease"/>, so two nodes never claim the same row. A row is marked sent only after the server accepted it;
/// a server that is down, times out or refuses leaves it queued for the next try, and after
/// <see cref="NotificationSettings.MaxEmailAttempts"/> tries it is marked failed (kept, never deleted).
/// </para>
/// <para>
/// The crash window: a node that dies after the server accepted a message and before it recorded "sent" leaves the
/// row "sending"; when the lease lapses the message is sent again, with the same Message-ID (so the recipient's mail
/// system may drop the copy). The same holds for a try cut off between the end of the message and the server's answer.
/// Delivery is therefore at least once, and twice only in that window; it is never lost. A try takes at most
/// <see cref="SmtpMailer.TryTimeout"/>, well within the lease, so a slow server never lets a second node send a row
/// that is still being sent. Without a configured SMTP host nothing is claimed: e-mail stays queued.
/// </para>
/// </summary>
public sealed class EmailOutboxSender(IServiceScopeFactory scopes, IOptions<SmtpOptions> smtp, NotificationSettings settings, TimeProvider clock,
    ILogger<EmailOutboxSender> logger) : BackgroundService
{
    private const long ClaimLock = 0x414D414E49_0300;
    private const int BatchSize = 20;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RecordTimeout = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _wake = new(0);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
            _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.DeliverInBackground)
            return;
        await ReportConfigurationAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await DeliverSafelyAsync(stoppingToken);
            try
            {
                await _wake.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReportConfigurationAsync(CancellationToken stoppingToken)
    {
        if (smtp.Value.IsConfigured)
        {
            logger.LogInformation("E-mail notifications go through {Host}:{Port} ({Security})", smtp.Value.Host, smtp.Value.Port, smtp.Value.Security);
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var waiting = await WaitingAsync(scope.ServiceProvider.GetRequiredService<AmaniDbContext>(), null, stoppingToken);
            logger.LogWarning("E-mail not configured (set AMANI_SMTP_HOST): e-mail notifications stay queued; {Waiting} message(s) waiting", waiting);
        }
        catch (Exception exception) when (DatabaseErrors.IsTransient(exception) || exception is OperationCanceledException)
        {
            logger.LogWarning("E-mail not configured (set AMANI_SMTP_HOST): e-mail notifications stay queued");
        }
    }

    /// <summary>E-mail waiting to be sent (queued or being sent), of one user or of everyone.</summary>
    public static Task<int> WaitingAsync(AmaniDbContext db, Guid? userId, CancellationToken cancellationToken) =>
        db.Set<EmailOutboxMessage>().Where(m => (m.Status == EmailOutboxStatus.Queued || m.Status == EmailOutboxStatus.Sending)
                                               && (userId == null || m.UserId == userId)).CountAsync(cancellationToken);

    private async Task DeliverSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<DigestComposer>().ComposeDueAsync(stoppingToken);
            while (await SendDueAsync(stoppingToken) == BatchSize && !stoppingToken.IsCancellationRequested) { }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a cancelled database call surfaces in several exception types. Claimed rows are released when their lease lapses.
        }
        catch (Exception exception) when (DatabaseErrors.IsTransient(exception))
        {
            logger.LogError(exception, "The e-mail outbox could not be processed; it is tried again at the next poll");
        }
    }

    /// <summary>Claims and sends the e-mail that is due now; returns how many rows were claimed (0 without an SMTP host).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        if (!smtp.Value.IsConfigured)
            return 0;
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
        var outbox = db.Set<EmailOutboxMessage>();
        var ids = await outbox.Where(m => (m.Status == EmailOutboxStatus.Queued && m.NextAttemptAt <= now)
                                          || (m.Status == EmailOutboxStatus.Sending && m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (ids.Count > 0)
        {
            // Delivery bookkeeping (lease and try counter), not a change of the product's state.
            var until = now + Lease;
            await outbox.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, EmailOutboxStatus.Sending)
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
        var message = await db.Set<EmailOutboxMessage>().FirstAsync(m => m.Id == id, cancellationToken);
        // The address is the account's as it is now, not as it was when the notification was written.
        var address = await services.GetRequiredService<IPeopleDirectory>().EmailOfAsync(message.UserId, cancellationToken);
        MailOutcome outcome;
        bool permanent = false;
        if (string.IsNullOrWhiteSpace(address) || !MailboxAddress.TryParse(address, out var to))
            (outcome, permanent) = (new MailOutcome(false, "The account has no usable e-mail address"), true);
        else if (From() is not { } from)
            outcome = new MailOutcome(false, "AMANI_SMTP_FROM is not a usable address");
        else
            outcome = await services.GetRequiredService<SmtpMailer>().SendAsync(Compose(message, from, to), cancellationToken);
        // Once the server has the message, its outcome is recorded even while the server shuts down: a cancelled record
        // would leave the row "sending", and it would be sent a second time when its lease lapses.
        using var recording = new CancellationTokenSource(RecordTimeout);
        await RecordAsync(db, message, outcome, permanent, recording.Token);
    }

    /// <summary>The sender (<c>AMANI_SMTP_FROM</c>, required with a host and checked at start; MimeKit parses it again).</summary>
    private MailboxAddress? From() => MailboxAddress.TryParse(smtp.Value.From ?? "", out var address) ? address : null;

    private MimeMessage Compose(EmailOutboxMessage row, MailboxAddress from, MailboxAddress to)
    {
        var message = new MimeMessage { Subject = row.Subject, MessageId = row.MessageId, Date = row.CreatedAt };
        message.From.Add(from);
        message.To.Add(to);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new TextPart("plain") { Text = row.Body };
        return message;
    }

    private async Task RecordAsync(AmaniDbContext db, EmailOutboxMessage message, MailOutcome outcome, bool permanent, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        message.LockedUntil = null;
        message.LastError = outcome.Error;
        if (outcome.Accepted)
        {
            message.Status = EmailOutboxStatus.Sent;
            message.SentAt = AuditChain.Truncate(now);
            logger.LogInformation("E-mail {OutboxId} accepted by the SMTP server after {Attempts} attempt(s)", message.Id, message.Attempts);
        }
        else if (permanent || message.Attempts >= settings.MaxEmailAttempts)
        {
            message.Status = EmailOutboxStatus.Failed;
            logger.LogWarning("E-mail {OutboxId} failed for good after {Attempts} attempt(s): {Error}", message.Id, message.Attempts, outcome.Error);
        }
        else
        {
            message.Status = EmailOutboxStatus.Queued;
            message.NextAttemptAt = now + NotificationSettings.Backoff(message.Attempts);
            logger.LogWarning("E-mail {OutboxId} not sent (attempt {Attempts}: {Error}); retrying at {NextAttemptAt:o}",
                message.Id, message.Attempts, outcome.Error, message.NextAttemptAt);
        }
        await db.SaveChangesAsync(cancellationToken); // delivery bookkeeping, declared on the e-mail outbox's configuration
    }
}
