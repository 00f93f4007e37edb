using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Foundation.Areas;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Users;

/// <summary>Users and their roles as platform services see them (<see cref="IPeopleDirectory"/>).</summary>
internal sealed class PeopleDirectory(AmaniDbContext db, TimeProvider clock) : IPeopleDirectory
{
    public async Task<IReadOnlyDictionary<Guid, PersonEntry>> FindAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
            return new Dictionary<Guid, PersonEntry>();
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.LockoutEnd }).ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, u => new PersonEntry(u.Id, u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id.ToString(),
            u.LockoutEnd is null || u.LockoutEnd <= now));
    }

    public async Task<IReadOnlyList<RoleGrant>> AssignmentsAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == userId)
            .Select(a => new RoleGrant(a.Role, a.MissionId, a.AreaId, a.OrganizationId)).ToListAsync(cancellationToken);

    public async Task<(bool Exists, DateTimeOffset? LockoutEnd)> AccountAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.LockoutEnd }).FirstOrDefaultAsync(cancellationToken);
        return (user is not null, user?.LockoutEnd);
    }

    public Task<string?> EmailOfAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<PersonEntry>> MembersAsync(Guid missionId, int limit, CancellationToken cancellationToken)
    {
        var ids = await db.RoleAssignments.AsNoTracking().Where(a => a.MissionId == null || a.MissionId == missionId).Select(a => a.UserId).Distinct()
            .ToListAsync(cancellationToken);
        return (await FindAsync(ids, cancellationToken)).Values.Where(p => p.Active).OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Take(limit).ToList();
    }

    public async Task<IReadOnlyList<Guid>> HoldersAsync(Role role, Guid missionId, Guid? areaId, int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Locked accounts are left out (compared here: SQLite cannot compare DateTimeOffset values in a query).
        var holders = (await db.RoleAssignments.AsNoTracking()
            .Where(a => a.Role == role && (a.MissionId == null || a.MissionId == missionId))
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { a.UserId, a.AreaId, u.LockoutEnd })
            .ToListAsync(cancellationToken)).Where(h => h.LockoutEnd is null || h.LockoutEnd <= now).ToList();
        if (holders.All(h => h.AreaId is null))
            return holders.Select(h => h.UserId).Distinct().Take(limit).ToList();
        // An area-scoped holder hears of what concerns their subtree: the area itself, an area above it, or below it.
        var path = areaId is { } id ? await db.AdminAreas.AsNoTracking().Where(a => a.Id == id).Select(a => a.Path).FirstOrDefaultAsync(cancellationToken) : null;
        var scopedAreas = holders.Where(h => h.AreaId is not null).Select(h => h.AreaId!.Value).Distinct().ToList();
        var scopePaths = await db.AdminAreas.AsNoTracking().Where(a => scopedAreas.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Path, cancellationToken);
        return holders.Where(h => h.AreaId is null || path is null
                || (scopePaths.TryGetValue(h.AreaId.Value, out var scope) && (path.StartsWith(scope, StringComparison.Ordinal) || scope.StartsWith(path, StringComparison.Ordinal))))
            .Select(h => h.UserId).Distinct().Take(limit).ToList();
    }
}
