using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Amani.Platform.Records;
using Amani.Register.Reporting.Sms;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Users;

namespace Amani.Register.Reporting;

/// <summary>Someone a report can be assigned to: a user holding <c>reports:triage</c> in the report's mission.</summary>
public sealed record ReportAssignee(Guid Id, string DisplayName);

/// <summary>A reply stored for the reporter, and what became of its SMS when the report came by SMS.</summary>
public sealed record ReportReply(ReportMessage Message, SmsDeliveryNotice? Sms);

/// <summary>
/// The triage actions on one community report, shared by the triage API and the triage page: find it (in a mission the
/// caller sees with a permission), link it to an incident (an existing one, or one recorded from it), reply to the
/// reporter (and queue the SMS when it came by SMS), move its status, assign it, and reveal the reporter's contact —
/// each audited in the same transaction. Every change needs the report's current <see cref="CommunityReport.Version"/>
/// (else <see cref="Stale"/>) and moves it forward; a refused one is an <see cref="Outcome{T}"/> with its
/// <see cref="Refusal"/>.
/// </summary>
public sealed class ReportTriage(AmaniDbContext db, AccessContext access, AuditLog audit, TimeProvider clock, SmsReplies sms,
    ContactProtection contacts, IncidentRules incidents, AuditActor actor, Platform.Measures.MeasureChanges measureChanges)
{
    /// <summary>The refusal when the version the caller sent is not the current one (answer 412).</summary>
    public static Refusal Stale { get; } = Refusal.Stale("The report was changed since you loaded it. Reload it, then apply your change again.");

    public async Task<(Mission Mission, CommunityReport Report)?> FindAsync(string code, Guid id, Permission permission,
        CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, permission, cancellationToken) is not { } mission)
            return null;
        var report = await db.CommunityReports.FirstOrDefaultAsync(r => r.Id == id && r.MissionId == mission.Id, cancellationToken);
        // A role scoped to an area finds only that area's reports: another area's report does not exist for it (404).
        var scope = await access.AreaScopeAsync(mission.Id, permission, cancellationToken);
        return report is null || scope is null || !scope.Covers(report.AreaId) ? null : (mission, report);
    }

    /// <summary>Link to an existing visible incident (<paramref name="request"/>.IncidentId) or record a new one from the report.</summary>
    public async Task<Outcome<CommunityReport>> LinkAsync(Mission mission, CommunityReport report, int expectedVersion, LinkReportRequest request,
        CancellationToken cancellationToken)
    {
        if (report.Version != expectedVersion)
            return Stale;
        if ((request.IncidentId is null) == (request.NewIncident is null))
            return Refusal.Invalid("incidentId", "Give either incidentId (an existing incident) or newIncident (to record one from this report).");
        if (request.IncidentId is { } existing)
        {
            if (!await (await IncidentVisibility.VisibleAsync(db, access, mission.Id, cancellationToken)).AnyAsync(i => i.Id == existing, cancellationToken))
                return Refusal.Invalid("incidentId", $"There is no incident {existing} in {mission.Code} that you can see.");
            Link(report, existing);
            return await SaveVersionedAsync(report, cancellationToken);
        }
        if (ShapeChecks.Check(request.NewIncident!) is { } invalid)
            return Refusal.Invalid("newIncident", invalid);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await incidents.CreateAsync(mission, request.NewIncident!, access.UserId!.Value, cancellationToken);
        if (created.Refusal is { } refused)
            return refused.Kind == RefusalKind.Invalid ? Refusal.Invalid($"newIncident.{refused.Field}", refused.Message) : refused;
        Link(report, created.Value!.Id);
        var linked = await SaveVersionedAsync(report, cancellationToken);
        if (linked.Succeeded)
            await transaction.CommitAsync(cancellationToken);
        return linked;
    }

    private void Link(CommunityReport report, Guid incidentId)
    {
        report.IncidentId = incidentId;
        Log(report, report.Status, ReportStatus.Linked, $"Linked to incident {incidentId}.");
        report.Status = ReportStatus.Linked;
        Touch(report);
        audit.Record(AuditAction.ReportLinked, CommunityReport.AuditEntity, report.Id, $"Report linked to incident {incidentId}.");
    }

    /// <summary>Writes an entry of the report's history (a move, or with no statuses an assignment), saved with the change.</summary>
    private void Log(CommunityReport report, ReportStatus? from, ReportStatus? to, string text) =>
        db.Set<ReportStatusChange>().Add(new ReportStatusChange
        {
            ReportId = report.Id, FromStatus = from, ToStatus = to, Actor = actor.Actor, ActorUserId = access.UserId, Text = text,
            At = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime),
        });

    /// <summary>Stores a reply for the reporter (shown on the status page; sent by SMS for SMS reports). A new report moves to review.</summary>
    public async Task<Outcome<ReportReply>> ReplyAsync(CommunityReport report, int expectedVersion, string body, CancellationToken cancellationToken)
    {
        if (report.Version != expectedVersion)
            return Stale;
        var message = new ReportMessage
        {
            ReportId = report.Id, Direction = MessageDirection.ToReporter, Body = body.Trim(), AuthorUserId = access.UserId,
            At = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime),
        };
        db.ReportMessages.Add(message);
        if (report.Status == ReportStatus.New)
        {
            Log(report, ReportStatus.New, ReportStatus.InReview, "Answered the reporter.");
            report.Status = ReportStatus.InReview;
        }
        Touch(report);
        audit.Record(AuditAction.ReportReplied, CommunityReport.AuditEntity, report.Id, $"Reply sent to the reporter ({report.Channel}).");
        var smsDelivery = sms.Queue(report, message); // same transaction as the reply and its audit row
        if ((await SaveVersionedAsync(report, cancellationToken)).Refusal is { } stale)
            return stale;
        sms.Saved();
        var received = ReportMeasures.MonthOf(report.ReceivedAt); // the month whose answered reports changed
        measureChanges.Changed(report.MissionId, ReportMeasures.Name, received, received.AddMonths(1));
        return Outcome<ReportReply>.Ok(new ReportReply(message, smsDelivery));
    }

    /// <summary>Moves the report to <paramref name="status"/>; moving it where it already is changes nothing.</summary>
    public async Task<Outcome<CommunityReport>> SetStatusAsync(CommunityReport report, int expectedVersion, ReportStatus status,
        CancellationToken cancellationToken)
    {
        if (report.Version != expectedVersion)
            return Stale;
        if (report.Status == status)
            return Outcome<CommunityReport>.Ok(report);
        audit.Record(AuditAction.ReportStatusChanged, CommunityReport.AuditEntity, report.Id, $"Report moved from {report.Status} to {status}.");
        Log(report, report.Status, status, $"Moved from {report.Status} to {status}.");
        report.Status = status;
        Touch(report);
        return await SaveVersionedAsync(report, cancellationToken);
    }

    /// <summary>Assigns the report to a user holding <c>reports:triage</c> in its mission, or unassigns it (null).</summary>
    public async Task<Outcome<CommunityReport>> AssignAsync(Mission mission, CommunityReport report, int expectedVersion, Guid? userId,
        CancellationToken cancellationToken)
    {
        if (report.Version != expectedVersion)
            return Stale;
        if (userId is { } id && !(await AssigneesAsync(mission.Id, cancellationToken)).Any(a => a.Id == id))
            return Refusal.Invalid("userId", "Give a user who triages community reports in this mission (a duty officer or an administrator).");
        if (report.AssignedToUserId == userId)
            return Outcome<CommunityReport>.Ok(report);
        report.AssignedToUserId = userId;
        Log(report, null, null, userId is null ? "Unassigned." : $"Assigned to user {userId}.");
        Touch(report);
        audit.Record(AuditAction.ReportAssigned, CommunityReport.AuditEntity, report.Id, userId is null ? "Report unassigned." : $"Report assigned to user {userId}.");
        return await SaveVersionedAsync(report, cancellationToken);
    }

    /// <summary>The users who may be assigned reports of the mission: a role granting <c>reports:triage</c> there or everywhere, account not locked.</summary>
    public async Task<List<ReportAssignee>> AssigneesAsync(Guid missionId, CancellationToken cancellationToken)
    {
        var roles = RolePermissions.Holding(Permission.ReportsTriage).ToList();
        var now = clock.GetUtcNow();
        var userIds = db.RoleAssignments.Where(a => roles.Contains(a.Role) && (a.MissionId == null || a.MissionId == missionId)).Select(a => a.UserId);
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

    private void Touch(CommunityReport report) => report.Touch(AuditChain.Truncate(clock.GetUtcNow().UtcDateTime));

    /// <summary>Saves; a concurrent writer that got there first (the version in the row moved on) makes this <see cref="Stale"/>.</summary>
    private async Task<Outcome<CommunityReport>> SaveVersionedAsync(CommunityReport report, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Outcome<CommunityReport>.Ok(report);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.DiscardChanges();
            return Stale;
        }
    }
}
