using Amani.Platform.Records;
using System.ComponentModel.DataAnnotations;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Microsoft.EntityFrameworkCore;
using Amani.Register.Reporting;

namespace Amani.Register.Duplicates;

/// <summary>Merge this incident into <paramref name="Into"/> (the one that stays), saying why.</summary>
public sealed record MergeRequest(
    [property: Required] Guid? Into,
    [property: Required, StringLength(IncidentLimits.Reason, MinimumLength = 3)] string Reason);

/// <summary>
/// Merging duplicates: the merged incident is marked <see cref="IncidentStatus.Duplicate"/> of the surviving one (a
/// status change with its reason, under <see cref="IncidentWorkflow"/>'s rules), its community reports move to the
/// survivor, and incidents that were earlier merged into it are re-pointed to the survivor so that
/// <see cref="Incident.DuplicateOfId"/> always names a survivor. Nothing is deleted. One transaction, one audit row per
/// changed record. Merging into an incident that is itself a duplicate is refused (the message names its survivor):
/// following the chain silently would merge into a record the officer did not choose.
/// </summary>
public sealed class IncidentMerger(AmaniDbContext db, IncidentRules rules, AuditLog audit, TimeProvider clock)
{
    /// <summary>The merged incident, or why not (<see cref="IncidentRules.Stale"/> when <paramref name="expectedVersion"/> is not current).</summary>
    public async Task<Outcome<Incident>> MergeAsync(Incident incident, int expectedVersion, MergeRequest request, AccessContext access,
        CancellationToken cancellationToken)
    {
        if (incident.Version != expectedVersion)
            return IncidentRules.Stale;
        var into = request.Into!.Value;
        if (into == incident.Id)
            return Refusal.Invalid("into", "An incident cannot be merged into itself; name the incident that stays.");
        var survivor = await (await IncidentVisibility.VisibleAsync(db, access, incident.MissionId, cancellationToken)).AsNoTracking()
            .Where(i => i.Id == into).Select(i => new { i.Status, i.DuplicateOfId }).FirstOrDefaultAsync(cancellationToken);
        if (survivor is null)
            return Refusal.Invalid("into", $"There is no incident {into} in this incident's mission that you can see; incidents are merged only within one mission.");
        if (survivor.Status == IncidentStatus.Duplicate)
            return Refusal.Invalid("into", $"The incident {into} is itself a duplicate of {survivor.DuplicateOfId}; merge into that one instead.");
        if (!IncidentWorkflow.CanMove(incident.Status, IncidentStatus.Duplicate))
            return Refusal.Invalid("status", $"An incident that is {incident.Status} cannot be marked duplicate; only reported or triaged ones can.");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var reports = await db.CommunityReports.Where(r => r.IncidentId == incident.Id).ToListAsync(cancellationToken);
        foreach (var report in reports)
        {
            report.IncidentId = into;
            report.Touch(now);
            audit.Record(AuditAction.ReportLinked, CommunityReport.AuditEntity, report.Id, $"Report moved from incident {incident.Id} to {into} (merge).");
        }
        var earlier = await db.Incidents.Where(i => i.DuplicateOfId == incident.Id).ToListAsync(cancellationToken);
        foreach (var duplicate in earlier)
        {
            duplicate.DuplicateOfId = into;
            duplicate.Version++;
            duplicate.UpdatedAt = now;
            audit.Record(AuditAction.IncidentMerged, Incident.AuditEntity, duplicate.Id, $"Now a duplicate of {into}: {incident.Id}, which it duplicated, was merged into it.");
        }
        audit.Record(AuditAction.IncidentMerged, Incident.AuditEntity, incident.Id, $"Incident merged into {into}; {reports.Count} report(s) moved.");
        var result = await rules.TransitionAsync(incident, expectedVersion, new TransitionRequest(IncidentStatus.Duplicate, request.Reason, into), cancellationToken);
        if (!result.Succeeded)
        {
            db.DiscardChanges();
            return result;
        }
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
