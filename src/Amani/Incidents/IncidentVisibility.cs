using Amani.Access;
using Amani.Data;

namespace Amani.Incidents;

/// <summary>
/// Which incidents of a mission a caller may see — decided inside the query. Public incidents: everyone with
/// <c>incidents:read</c> in the mission. Mission incidents: mission staff, not partners. Restricted incidents: only
/// the organisations and roles named on them, and whoever recorded them (administrators are not implicitly included).
/// </summary>
public static class IncidentVisibility
{
    public static async Task<IQueryable<Incident>> VisibleAsync(AmaniDbContext db, AccessContext access, Guid missionId, CancellationToken cancellationToken)
    {
        var none = db.Incidents.Where(_ => false);
        if (!access.TokenAllows(Permission.IncidentsRead))
            return none;
        var assignments = (await access.AssignmentsAsync(cancellationToken))
            .Where(a => (a.MissionId == null || a.MissionId == missionId) && RolePermissions.Grants(a.Role, Permission.IncidentsRead)).ToList();
        if (assignments.Count == 0)
            return none;
        var roles = assignments.Select(a => a.Role).Distinct().ToList();
        var organizations = assignments.Where(a => a.OrganizationId != null).Select(a => a.OrganizationId!.Value).Distinct().ToList();
        var staff = roles.Any(r => r != Role.Partner);
        var userId = access.UserId;
        return db.Incidents.Where(i => i.MissionId == missionId && (
            i.Confidentiality == Confidentiality.Public
            || (staff && i.Confidentiality == Confidentiality.Mission)
            || i.RecordedByUserId == userId
            || (i.Confidentiality == Confidentiality.Restricted && i.Grants.Any(g =>
                (g.OrganizationId != null && organizations.Contains(g.OrganizationId.Value)) || (g.Role != null && roles.Contains(g.Role.Value))))));
    }
}
