using Amani.Register.Reporting;
using Amani.Platform.Problems;
using System.Security.Cryptography;
using System.Text;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Reporting.Sms;

/// <summary>An SMS as any gateway delivered it: who sent it, what it says, and the gateway's id for the message.</summary>
public sealed record InboundSms(string Gateway, string From, string Body, string? MessageId);

/// <summary>What to text back; <see cref="KeyConflict"/> when the gateway reused a message id for different content.</summary>
public sealed record SmsAnswer(string Reply, string? TrackingCode, bool KeyConflict = false);

/// <summary>
/// Carries out what an SMS asks (<see cref="SmsSyntax"/>), whatever gateway brought it: new reports go through
/// <see cref="ReportSubmission"/> with the sender's number as the (encrypted) contact and the gateway's message id as
/// idempotency key; additions are stored once per gateway message id.
/// </summary>
public sealed class SmsInbox(ReportSubmission submission, AmaniDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<SmsAnswer> HandleAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        var command = SmsSyntax.Parse(sms.Body);
        var text = SmsText.For(command is SmsCommand.Report { Language: { } lang } ? lang : SmsSyntax.LanguageOf(sms.Body));
        return command switch
        {
            SmsCommand.Status status => await StatusAsync(status.TrackingCode, text, cancellationToken),
            SmsCommand.AddInfo add => await AddInfoAsync(sms, add, text, cancellationToken),
            SmsCommand.Help help => new SmsAnswer(text.Help(help.Problem), null),
            SmsCommand.Report report => await ReportAsync(sms, report, text, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown SMS command {command.GetType().Name}."),
        };
    }

    private async Task<SmsAnswer> ReportAsync(InboundSms sms, SmsCommand.Report report, SmsText text, CancellationToken cancellationToken)
    {
        var request = new SubmitReportRequest(report.Description, null, null, null, new ContactInput(sms.From, null), ConsentToContact: true,
            report.Language, sms.MessageId is null ? null : $"sms:{sms.Gateway}:{sms.MessageId}", report.PlaceName, report.AreaPCode, report.MissionCode);
        if (ShapeChecks.Check(request) is { } invalid)
            return new SmsAnswer(text.Refused(invalid), null);
        var result = await submission.SubmitAsync(request, ReportChannel.Sms, cancellationToken);
        if (!result.Succeeded)
            return new SmsAnswer(text.Refused(result.Error!), null);
        if (result.Value!.KeyReusedForOtherContent)
            return new SmsAnswer("", null, KeyConflict: true);
        var code = TrackingCode.Format(result.Value.TrackingCode!);
        return new SmsAnswer(text.Received(code), code);
    }

    private async Task<SmsAnswer> StatusAsync(string normalized, SmsText text, CancellationToken cancellationToken)
    {
        var code = TrackingCode.Format(normalized);
        var report = await db.CommunityReports.AsNoTracking().Where(r => r.TrackingCode == normalized)
            .Select(r => new { r.Id, r.Status, r.IncidentId }).FirstOrDefaultAsync(cancellationToken);
        if (report is null)
            return new SmsAnswer(text.UnknownCode(code), null);
        var incidentStatus = await db.Incidents.Where(i => i.Id == report.IncidentId).Select(i => (IncidentStatus?)i.Status)
            .FirstOrDefaultAsync(cancellationToken);
        var lastReply = await db.ReportMessages.AsNoTracking().Where(m => m.ReportId == report.Id && m.Direction == MessageDirection.ToReporter)
            .OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Select(m => m.Body).FirstOrDefaultAsync(cancellationToken);
        return new SmsAnswer(text.Status(code, ReporterView.Status(report.Status, incidentStatus), lastReply), code);
    }

    private async Task<SmsAnswer> AddInfoAsync(InboundSms sms, SmsCommand.AddInfo add, SmsText text, CancellationToken cancellationToken,
        bool retried = false)
    {
        var code = TrackingCode.Format(add.TrackingCode);
        var report = await db.CommunityReports.FirstOrDefaultAsync(r => r.TrackingCode == add.TrackingCode, cancellationToken);
        if (report is null)
            return add.Explicit
                ? new SmsAnswer(text.UnknownCode(code), null)
                : await ReportAsync(sms, new SmsCommand.Report(SmsSyntax.Clean(sms.Body), null, null, null, null), text, cancellationToken);
        var keyHash = sms.MessageId is null ? null : Hash($"{sms.Gateway}:{sms.MessageId}");
        if (keyHash is not null && await db.Set<SmsInboundMessage>().AnyAsync(m => m.MessageKeyHash == keyHash, cancellationToken))
            return new SmsAnswer(text.Added(code), code);
        if (add.Text.Length > ReportLimits.Message)
            return new SmsAnswer(text.Refused($"at most {ReportLimits.Message} characters."), code);

        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        db.ReportMessages.Add(new ReportMessage { ReportId = report.Id, Direction = MessageDirection.FromReporter, Body = add.Text, At = now });
        if (keyHash is not null)
            db.Set<SmsInboundMessage>().Add(new SmsInboundMessage { MessageKeyHash = keyHash, ReportId = report.Id, ReceivedAt = now });
        report.Touch(now);
        audit.Record(AuditAction.ReportMessageReceived, CommunityReport.AuditEntity, report.Id, "The reporter added information by SMS.");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException) when (!retried)
        {
            // Staff changed the report while this was stored (its version moved on): read it again and add the message once more.
            db.DiscardChanges();
            return await AddInfoAsync(sms, add, text, cancellationToken, retried: true);
        }
        catch (DbUpdateException) when (keyHash is not null)
        {
            // The gateway retried while the first delivery was being stored: that one holds the message id; nothing more to store.
            db.DiscardChanges();
            if (!await db.Set<SmsInboundMessage>().AnyAsync(m => m.MessageKeyHash == keyHash, cancellationToken))
                throw;
        }
        return new SmsAnswer(text.Added(code), code);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
