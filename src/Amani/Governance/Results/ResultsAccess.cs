using Amani.Platform.Access;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results;

/// <summary>
/// Who may see and enter which indicators of a mission: mission staff holding <c>results:read</c> see every indicator;
/// a partner sees (and, with <c>results:enter</c>, enters) only the indicators its organisation reports on. Entering is
/// limited to the areas of the caller's scope (a mission-wide value needs a mission-wide role).
/// </summary>
public sealed class ResultsAccess(AmaniDbContext db, AccessContext access)
{
    /// <summary>Whether the caller reads every indicator of the mission (false: only those its organisations report on).</summary>
    public async Task<bool> ReadsAllAsync(Guid missionId, CancellationToken cancellationToken) =>
        (await access.AssignmentsAsync(cancellationToken)).Any(a => (a.MissionId is null || a.MissionId == missionId)
            && !a.Role.ForOrganization && RolePermissions.Grants(a.Role, Permission.ResultsRead))
        && await access.HasAsync(Permission.ResultsRead, missionId, cancellationToken);

    /// <summary>The organisations on whose behalf the caller holds <paramref name="permission"/> in the mission.</summary>
    public async Task<IReadOnlySet<Guid>> OrganizationsAsync(Guid missionId, Permission permission, CancellationToken cancellationToken) =>
        (await access.AssignmentsAsync(cancellationToken)).Where(a => (a.MissionId is null || a.MissionId == missionId)
            && a.OrganizationId is not null && RolePermissions.Grants(a.Role, permission)).Select(a => a.OrganizationId!.Value).ToHashSet();

    /// <summary>The mission's indicators the caller may read.</summary>
    public async Task<IQueryable<Indicator>> ReadableAsync(Guid missionId, CancellationToken cancellationToken)
    {
        var indicators = db.Set<Indicator>().Where(i => i.MissionId == missionId);
        if (await ReadsAllAsync(missionId, cancellationToken))
            return indicators;
        var organizations = (await OrganizationsAsync(missionId, Permission.ResultsRead, cancellationToken)).ToList();
        return indicators.Where(i => db.Set<IndicatorReporter>().Any(r => r.IndicatorId == i.Id && organizations.Contains(r.OrganizationId)));
    }

    /// <summary>
    /// A test of whether the caller may enter values of an indicator in an area (its P-code's area id; null: the whole
    /// mission): results:enter in an area scope covering it, and — for a partner — its organisation reporting on it.
    /// </summary>
    public async Task<Func<Indicator, Guid?, bool>> EntryTestAsync(Guid missionId, CancellationToken cancellationToken)
    {
        var scope = await access.AreaScopeAsync(missionId, Permission.ResultsEnter, cancellationToken);
        if (scope is null)
            return (_, _) => false;
        var staff = (await access.AssignmentsAsync(cancellationToken)).Any(a => (a.MissionId is null || a.MissionId == missionId)
            && !a.Role.ForOrganization && RolePermissions.Grants(a.Role, Permission.ResultsEnter));
        HashSet<Guid>? reported = null;
        if (!staff)
        {
            var organizations = (await OrganizationsAsync(missionId, Permission.ResultsEnter, cancellationToken)).ToList();
            reported = (await db.Set<IndicatorReporter>().Where(r => organizations.Contains(r.OrganizationId)
                    && db.Set<Indicator>().Any(i => i.Id == r.IndicatorId && i.MissionId == missionId))
                .Select(r => r.IndicatorId).ToListAsync(cancellationToken)).ToHashSet();
        }
        return (indicator, area) => (reported is null || reported.Contains(indicator.Id)) && (area is null ? scope.IsWholeMission : scope.Covers(area));
    }
}
