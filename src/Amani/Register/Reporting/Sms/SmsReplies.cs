using Amani.Platform.Data;

namespace Amani.Register.Reporting.Sms;

/// <summary>What became of the SMS copy of a staff reply: <c>queued</c> (a gateway will send it) or <c>queued-no-gateway</c>.</summary>
public sealed record SmsDeliveryNotice(string Status, string Detail);

/// <summary>A staff reply as the triage API answers it: the message, and for SMS reports what became of its SMS copy.</summary>
public sealed record StaffReplyResponse(string From, string Body, DateTime At, SmsDeliveryNotice? Sms);

/// <summary>
/// Queues the SMS copy of a staff reply to a report that came by SMS. The outbox row is added to the caller's unit of
/// work, so it is saved in the same transaction as the reply and its audit row; <see cref="SmsOutboxSender"/> sends it.
/// </summary>
public sealed class SmsReplies(AmaniDbContext db, SmsSettings settings, SmsOutboxSender sender)
{
    public SmsDeliveryNotice? Queue(CommunityReport report, ReportMessage reply)
    {
        if (report.Channel != ReportChannel.Sms || report.ContactProtected is null)
            return null;
        db.Set<SmsOutboxMessage>().Add(new SmsOutboxMessage
        {
            ReportId = report.Id, ReportMessageId = reply.Id, Status = SmsOutboxStatus.Queued, CreatedAt = reply.At, NextAttemptAt = reply.At,
            Body = new SmsText(French: report.Language?.StartsWith("fr", StringComparison.OrdinalIgnoreCase) == true)
                .Reply(TrackingCode.Format(report.TrackingCode), reply.Body),
        });
        return settings.TwilioSendingEnabled
            ? new SmsDeliveryNotice("queued", "The reply will also be sent to the reporter by SMS (Twilio).")
            : new SmsDeliveryNotice("queued-no-gateway",
                "No SMS gateway is configured for sending (AMANI_SMS_TWILIO_ACCOUNT_SID, AMANI_SMS_TWILIO_AUTH_TOKEN, AMANI_SMS_TWILIO_FROM): " +
                "the reply is on the status page, and its SMS waits in the outbox until a gateway is configured.");
    }

    /// <summary>After the reply was saved: send now rather than at the next poll.</summary>
    public void Saved() => sender.Wake();
}
