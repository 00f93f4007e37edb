using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Amani.Register.Reporting.Sms;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Users;

namespace Amani.Register.Reporting;

/// <summary>Someone a report can be assigned to: a user holding <c>reports:triage</c> in the report's mission.</summary>
public sealed record ReportAssignee(Guid Id, string DisplayName);

/// <summary>
/// The triage actions on one community report, shared by the triage API and the triage page: find it (in a mission the
/// caller sees with a permission), link it to an incident (an existing one, or one recorded from it), reply to the
/// reporter (and queue the SMS when it came by SMS), move its status, assign it, and reveal the reporter's contact —
/// each audited in the same transaction. <see cref="Stamp"/> is the report's version for optimistic concurrency.
/// </summary>
public sealed class ReportTriage(AmaniDbContext db, AccessContext access, AuditLog audit, TimeProvider clock, SmsReplies sms,
    ContactProtection contacts, IncidentRules incidents)
{
    public async Task<(Mission Mission, CommunityReport Report)?> FindAsync(string code, Guid id, Permission permission,
        CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, permission, cancellationToken) is not { } mission)
            return null;
        var report = await db.CommunityReports.FirstOrDefaultAsync(r => r.Id == id && r.MissionId == mission.Id, cancellationToken);
        return report is null ? null : (mission, report);
    }

    /// <summary>The report's version as the page saw it: every triage change moves it forward (<see cref="Touch"/>).</summary>
    public static long Stamp(CommunityReport report) => report.UpdatedAt.Ticks;

    /// <summary>Link to an existing visible incident (<paramref name="request"/>.IncidentId) or record a new one from the report.</summary>
    public async Task<Result<Guid>> LinkAsync(Mission mission, CommunityReport report, LinkReportRequest request, CancellationToken cancellationToken)
    {
        if ((request.IncidentId is null) == (request.NewIncident is null))
            return Result<Guid>.Invalid("incidentId", "Give either incidentId (an existing incident) or newIncident (to record one from this report).");
        if (request.IncidentId is { } existing)
        {
            if (!await (await IncidentVisibility.VisibleAsync(db, access, mission.Id, cancellationToken)).AnyAsync(i => i.Id == existing, cancellationToken))
                return Result<Guid>.Invalid("incidentId", $"There is no incident {existing} in {mission.Code} that you can see.");
            await SaveLinkAsync(report, existing, cancellationToken);
            return Result<Guid>.Ok(existing);
        }
        if (ShapeChecks.Check(request.NewIncident!) is { } invalid)
            return Result<Guid>.Invalid("newIncident", invalid);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await incidents.CreateAsync(mission, request.NewIncident!, access.UserId!.Value, cancellationToken);
        if (!created.Succeeded)
            return Result<Guid>.Invalid($"newIncident.{created.Refusal!.Field}", created.Refusal.Message);
        await SaveLinkAsync(report, created.Value!.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<Guid>.Ok(created.Value.Id);
    }

    private async Task SaveLinkAsync(CommunityReport report, Guid incidentId, CancellationToken cancellationToken)
    {
        report.IncidentId = incidentId;
        report.Status = ReportStatus.Linked;
        Touch(report);
        audit.Record(AuditAction.ReportLinked, CommunityReport.AuditEntity, report.Id, $"Report linked to incident {incidentId}.");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Stores a reply for the reporter (shown on the status page; sent by SMS for SMS reports). A new report moves to review.</summary>
    public async Task<(ReportMessage Message, SmsDeliveryNotice? Sms)> ReplyAsync(CommunityReport report, string body, CancellationToken cancellationToken)
    {
        var message = new ReportMessage
        {
            ReportId = report.Id, Direction = MessageDirection.ToReporter, Body = body.Trim(), AuthorUserId = access.UserId,
            At = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime),
        };
        db.ReportMessages.Add(message);
        if (report.Status == ReportStatus.New)
            report.Status = ReportStatus.InReview;
        Touch(report);
        audit.Record(AuditAction.ReportReplied, CommunityReport.AuditEntity, report.Id, $"Reply sent to the reporter ({report.Channel}).");
        var smsDelivery = sms.Queue(report, message); // same transaction as the reply and its audit row
        await db.SaveChangesAsync(cancellationToken);
        sms.Saved();
        return (message, smsDelivery);
    }

    public async Task SetStatusAsync(CommunityReport report, ReportStatus status, CancellationToken cancellationToken)
    {
        if (report.Status == status)
            return;
        audit.Record(AuditAction.ReportStatusChanged, CommunityReport.AuditEntity, report.Id, $"Report moved from {report.Status} to {status}.");
        report.Status = status;
        Touch(report);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Assigns the report to a user holding <c>reports:triage</c> in its mission, or unassigns it (null).</summary>
    public async Task<Result<Guid?>> AssignAsync(Mission mission, CommunityReport report, Guid? userId, CancellationToken cancellationToken)
    {
        if (userId is { } id && !(await AssigneesAsync(mission, cancellationToken)).Any(a => a.Id == id))
            return Result<Guid?>.Invalid("userId", "Give a user who triages community reports in this mission (a duty officer or an administrator).");
        if (report.AssignedToUserId == userId)
            return Result<Guid?>.Ok(userId);
        report.AssignedToUserId = userId;
        Touch(report);
        audit.Record(AuditAction.ReportAssigned, CommunityReport.AuditEntity, report.Id, userId is null ? "Report unassigned." : $"Report assigned to user {userId}.");
        await db.SaveChangesAsync(cancellationToken);
        return Result<Guid?>.Ok(userId);
    }

    /// <summary>The users who may be assigned reports of the mission: a role granting <c>reports:triage</c> there or everywhere, account not locked.</summary>
    public async Task<List<ReportAssignee>> AssigneesAsync(Mission mission, CancellationToken cancellationToken)
    {
        var roles = Enum.GetValues<Role>().Where(r => RolePermissions.Grants(r, Permission.ReportsTriage)).ToList();
        var now = clock.GetUtcNow();
        var userIds = db.RoleAssignments.Where(a => roles.Contains(a.Role) && (a.MissionId == null || a.MissionId == mission.Id)).Select(a => a.UserId);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.LockoutEnd }).ToListAsync(cancellationToken);
        return users.Where(u => u.LockoutEnd is null || u.LockoutEnd <= now)
            .Select(u => new ReportAssignee(u.Id, string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id.ToString() : u.DisplayName))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>The reporter's contact, decrypted, with its audit row; null when the reporter stayed anonymous or did not consent.</summary>
    public async Task<ContactDetails?> RevealContactAsync(CommunityReport report, CancellationToken cancellationToken)
    {
        if (report.ContactProtected is null || !report.ConsentToContact)
            return null;
        audit.Record(AuditAction.ReportContactRevealed, CommunityReport.AuditEntity, report.Id, "The reporter's contact details were revealed.");
        await db.SaveChangesAsync(cancellationToken);
        return contacts.Unprotect(report.ContactProtected);
    }

    /// <summary>Moves the report's version forward, and its time strictly (two changes within one clock tick still differ).</summary>
    private void Touch(CommunityReport report)
    {
        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        report.Touch(now > report.UpdatedAt ? now : AuditChain.Truncate(report.UpdatedAt).AddMilliseconds(1));
    }
}
