using Amani.Platform.Access;
using Amani.Platform.Directories;

namespace Amani.Platform.FollowUps;

/// <summary>
/// Who may see and act on follow-ups. A follow-up is visible to whoever reads the mission's follow-ups
/// (<see cref="Permission.FollowUpsRead"/>) in a scope covering its area — an area-scoped role sees the follow-ups of its
/// areas only, not the mission-wide ones — and always to those who owe it or asked for it. Anyone else gets 404.
/// Its owners (the user, the holders of its role in its area) and its creator may record progress, moves and evidence;
/// changing what it is (title, owner, due date) needs <see cref="Permission.FollowUpsManage"/>.
/// </summary>
public sealed class FollowUpAccess(AccessContext access, IPeopleDirectory people, IAreaDirectory areas)
{
    /// <summary>What the caller may do with the follow-ups of one mission.</summary>
    public sealed record MissionRights(bool Read, bool Manage, IReadOnlySet<Guid>? ReadAreas, IReadOnlySet<Guid>? ManageAreas,
        IReadOnlyList<(Role Role, IReadOnlySet<Guid>? Areas)> Roles)
    {
        /// <summary>True when the caller holds <paramref name="role"/> in the mission in a scope covering <paramref name="areaId"/>.</summary>
        public bool Holds(Role role, Guid? areaId) => Roles.Any(r => r.Role == role && Covers(r.Areas, areaId));

        public bool CanRead(Guid? areaId) => Read && Covers(ReadAreas, areaId);

        public bool CanManage(Guid? areaId) => Manage && Covers(ManageAreas, areaId);

        private static bool Covers(IReadOnlySet<Guid>? scope, Guid? areaId) => scope is null || (areaId is { } id && scope.Contains(id));
    }

    private readonly Dictionary<Guid, MissionRights> _rights = [];

    public async Task<MissionRights> RightsAsync(Guid missionId, CancellationToken cancellationToken)
    {
        if (_rights.TryGetValue(missionId, out var known))
            return known;
        var assignments = (await access.AssignmentsAsync(cancellationToken)).Where(a => a.MissionId is null || a.MissionId == missionId).ToList();
        async Task<IReadOnlySet<Guid>?> ScopeAsync(IEnumerable<Guid?> scoped)
        {
            var list = scoped.ToList();
            return list.Any(a => a is null) ? null : await areas.SubtreeAsync(list.Select(a => a!.Value), cancellationToken);
        }
        var readers = assignments.Where(a => RolePermissions.Grants(a.Role, Permission.FollowUpsRead)).Select(a => a.AreaId).ToList();
        var managers = assignments.Where(a => RolePermissions.Grants(a.Role, Permission.FollowUpsManage)).Select(a => a.AreaId).ToList();
        var roles = new List<(Role, IReadOnlySet<Guid>?)>();
        foreach (var group in assignments.GroupBy(a => a.Role))
            roles.Add((group.Key, await ScopeAsync(group.Select(a => a.AreaId))));
        var read = readers.Count > 0 && access.TokenAllows(Permission.FollowUpsRead);
        var manage = managers.Count > 0 && access.TokenAllows(Permission.FollowUpsManage);
        return _rights[missionId] = new MissionRights(read, manage, read ? await ScopeAsync(readers) : new HashSet<Guid>(),
            manage ? await ScopeAsync(managers) : new HashSet<Guid>(), roles);
    }

    /// <summary>Whether the caller owes <paramref name="followUp"/> or asked for it.</summary>
    /// <remarks>An access token must carry a follow-ups scope for this to count: a token made for other work reads none.</remarks>
    public bool Concerns(FollowUp followUp, MissionRights rights) =>
        access.UserId is { } me && (access.TokenAllows(Permission.FollowUpsRead) || access.TokenAllows(Permission.FollowUpsUpdate))
        && (followUp.OwnerUserId == me || followUp.CreatedByUserId == me
            || (followUp.OwnerKind == FollowUpOwnerKind.Role && followUp.OwnerRole is { } role && rights.Holds(role, followUp.AreaId)));

    public async Task<bool> CanSeeAsync(FollowUp followUp, CancellationToken cancellationToken)
    {
        var rights = await RightsAsync(followUp.MissionId, cancellationToken);
        return rights.CanRead(followUp.AreaId) || Concerns(followUp, rights);
    }

    /// <summary>May record progress, moves and evidence.</summary>
    public async Task<bool> CanUpdateAsync(FollowUp followUp, CancellationToken cancellationToken)
    {
        var rights = await RightsAsync(followUp.MissionId, cancellationToken);
        return rights.CanManage(followUp.AreaId) || Concerns(followUp, rights);
    }

    /// <summary>May change what the follow-up is: title, owner, due date, reminders.</summary>
    public async Task<bool> CanEditAsync(FollowUp followUp, CancellationToken cancellationToken) =>
        (await RightsAsync(followUp.MissionId, cancellationToken)).CanManage(followUp.AreaId);

    /// <summary>Users known to the directory (for validating an owner).</summary>
    public IPeopleDirectory People => people;
}
