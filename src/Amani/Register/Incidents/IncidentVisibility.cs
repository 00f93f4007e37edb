using Amani.Platform.Access;
using Amani.Platform.Data;

namespace Amani.Register.Incidents;

/// <summary>
/// Which incidents of a mission a caller may see — decided inside the query. Public incidents: everyone with
/// <c>incidents:read</c> in the mission. Mission incidents: mission staff, not partners. Restricted incidents: only
/// the organisations and roles named on them, and whoever recorded them (administrators are not implicitly included).
/// A role scoped to an area sees only the incidents of that area and the areas below it (<see cref="AreaScope"/>; an
/// incident without an area is the whole mission's), whatever their confidentiality — except those the caller recorded.
/// The same rule is written twice, once as the SQL filter and once for in-memory copies of incidents (the dashboard
/// map's point index), side by side so that they stay one rule.
/// </summary>
public static class IncidentVisibility
{
    public static async Task<IQueryable<Incident>> VisibleAsync(AmaniDbContext db, AccessContext access, Guid missionId, CancellationToken cancellationToken)
    {
        var audience = await AudienceAsync(access, missionId, cancellationToken);
        if (audience is null)
            return db.Incidents.Where(_ => false);
        var (staff, userId, roles, organizations) = (audience.Staff, audience.UserId, audience.Roles.ToList(), audience.Organizations.ToList());
        var incidents = db.Incidents.Where(i => i.MissionId == missionId);
        if (audience.Areas.AreaList is { } areas)
            incidents = incidents.Where(i => (i.AreaId != null && areas.Contains(i.AreaId.Value)) || i.RecordedByUserId == userId);
        return incidents.Where(i =>
            i.Confidentiality == Confidentiality.Public
            || (staff && i.Confidentiality == Confidentiality.Mission)
            || i.RecordedByUserId == userId
            || (i.Confidentiality == Confidentiality.Restricted && i.Grants.Any(g =>
                (g.OrganizationId != null && organizations.Contains(g.OrganizationId.Value)) || (g.Role != null && roles.Contains(g.Role.Value)))));
    }

    /// <summary>Who the caller is for incident visibility in the mission, or null when they may see none of its incidents.</summary>
    public static async Task<IncidentAudience?> AudienceAsync(AccessContext access, Guid missionId, CancellationToken cancellationToken)
    {
        if (!access.TokenAllows(Permission.IncidentsRead))
            return null;
        var assignments = (await access.AssignmentsAsync(cancellationToken))
            .Where(a => (a.MissionId == null || a.MissionId == missionId) && RolePermissions.Grants(a.Role, Permission.IncidentsRead)).ToList();
        if (assignments.Count == 0)
            return null;
        var roles = assignments.Select(a => a.Role).ToHashSet();
        var organizations = assignments.Where(a => a.OrganizationId != null).Select(a => a.OrganizationId!.Value).ToHashSet();
        var areas = await access.AreaScopeAsync(missionId, Permission.IncidentsRead, cancellationToken) ?? AreaScope.WholeMission;
        return new IncidentAudience(roles.Any(r => !r.ForOrganization), access.UserId, roles, organizations, areas);
    }
}

/// <summary>The caller as <see cref="IncidentVisibility"/> sees them: staff or partner, who, in which roles and organisations.</summary>
public sealed record IncidentAudience(bool Staff, Guid? UserId, IReadOnlySet<Role> Roles, IReadOnlySet<Guid> Organizations, AreaScope Areas)
{
    /// <summary>The rule of <see cref="IncidentVisibility.VisibleAsync"/>, for an incident held in memory.</summary>
    public bool Allows(Confidentiality confidentiality, Guid recordedBy, IReadOnlyList<IncidentGrant>? grants, Guid? areaId) =>
        recordedBy == UserId || (Areas.Covers(areaId) && AllowsConfidentiality(confidentiality, recordedBy, grants));

    /// <summary>
    /// The confidentiality half of the rule alone, for a caller that checks the area itself (the dashboard's map index
    /// tests a precomputed slot per area over a million points) — never use it without that check.
    /// </summary>
    public bool AllowsConfidentiality(Confidentiality confidentiality, Guid recordedBy, IReadOnlyList<IncidentGrant>? grants) =>
        confidentiality == Confidentiality.Public
        || (Staff && confidentiality == Confidentiality.Mission)
        || recordedBy == UserId
        || (confidentiality == Confidentiality.Restricted && grants is not null && grants.Any(g =>
            (g.OrganizationId is { } o && Organizations.Contains(o)) || (g.Role is { } r && Roles.Contains(r))));
}
