using Amani.Foundation.Missions;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Register.Incidents.Pages;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Reporting;

/// <summary>
/// The community reports linked to an incident, for the Incidents module, which stands below this one and cannot name
/// it: their ids in the incident's response (<see cref="IIncidentLinks"/>) and the "Linked community reports" section
/// of the incident page (<see cref="IIncidentDetailSection"/>, view <c>Pages/_IncidentReports.cshtml</c>), shown to
/// whoever holds <c>reports:read</c> in the mission.
/// </summary>
public sealed class IncidentReports(AmaniDbContext db, AccessContext access) : IIncidentLinks, IIncidentDetailSection
{
    /// <summary>The start of each report's description that the section shows.</summary>
    public const int Excerpt = 200;

    /// <summary>The section's model: whether the user may read reports, and the linked reports, oldest first.</summary>
    public sealed record Section(Mission Mission, bool CanRead, IReadOnlyList<LinkedReport> Reports);

    public sealed record LinkedReport(Guid Id, DateTime ReceivedAt, ReportStatus Status, ReportChannel Channel, string Excerpt);

    public async Task<IReadOnlyList<Guid>> ReportsAsync(Guid incidentId, CancellationToken cancellationToken) =>
        await db.CommunityReports.AsNoTracking().Where(r => r.IncidentId == incidentId).Select(r => r.Id).ToListAsync(cancellationToken);

    public async Task<IncidentSection> LoadAsync(Mission mission, Incident incident, CancellationToken cancellationToken)
    {
        var canRead = await access.HasAsync(Permission.ReportsRead, mission.Id, cancellationToken);
        var reports = !canRead ? [] : (await db.CommunityReports.AsNoTracking().Where(r => r.IncidentId == incident.Id).OrderBy(r => r.ReceivedAt)
                .Select(r => new { r.Id, r.ReceivedAt, r.Status, r.Channel, Text = r.Description.Substring(0, Excerpt) }).ToListAsync(cancellationToken))
            .Select(r => new LinkedReport(r.Id, r.ReceivedAt, r.Status, r.Channel, r.Text)).ToList();
        return new IncidentSection("/Register/Reporting/Pages/_IncidentReports.cshtml", new Section(mission, canRead, reports));
    }
}
