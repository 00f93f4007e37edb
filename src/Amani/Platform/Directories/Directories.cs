using Amani.Platform.Access;

namespace Amani.Platform.Directories;

/// <summary>A mission as platform services see it.</summary>
public sealed record MissionEntry(Guid Id, string Code, string Name, string TimeZone);

/// <summary>An administrative area as platform services see it: <see cref="Path"/> is its place in the tree (<c>/CF/CF.AC/</c>).</summary>
public sealed record AreaEntry(Guid Id, Guid MissionId, string PCode, string Name, string Path);

/// <summary>A role a user holds: in every mission (no mission), one mission, an area subtree of it, or for an organisation.</summary>
public sealed record RoleGrant(Role Role, Guid? MissionId, Guid? AreaId, Guid? OrganizationId);

/// <summary>A user as platform services see it (never more than a name to show).</summary>
public sealed record PersonEntry(Guid Id, string DisplayName, bool Active);

/// <summary>
/// What platform services (follow-ups, notifications) need to know of missions, areas and people, without naming the
/// Foundation modules that keep them: those modules implement these contracts and register them.
/// </summary>
public interface IMissionDirectory
{
    Task<MissionEntry?> FindAsync(string code, CancellationToken cancellationToken);

    Task<MissionEntry?> FindAsync(Guid id, CancellationToken cancellationToken);
}

public interface IAreaDirectory
{
    Task<AreaEntry?> FindAsync(Guid missionId, string pCode, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<Guid, AreaEntry>> FindAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken);

    /// <summary>The ids of <paramref name="roots"/> and of every area below them.</summary>
    Task<IReadOnlySet<Guid>> SubtreeAsync(IEnumerable<Guid> roots, CancellationToken cancellationToken);
}

public interface IPeopleDirectory
{
    Task<IReadOnlyDictionary<Guid, PersonEntry>> FindAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken);

    /// <summary>The user's role assignments (a null mission is every mission; a non-null area is that area's subtree).</summary>
    Task<IReadOnlyList<RoleGrant>> AssignmentsAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Whether the account exists, and until when it is locked (null: not locked).</summary>
    Task<(bool Exists, DateTimeOffset? LockoutEnd)> AccountAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The user's account e-mail as it is now (where notifications go), or null.</summary>
    Task<string?> EmailOfAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The active users holding a role in <paramref name="missionId"/> (or in every mission), by name, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PersonEntry>> MembersAsync(Guid missionId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The active users holding <paramref name="role"/> in <paramref name="missionId"/> (or in every mission) whose area
    /// scope covers <paramref name="areaId"/> (any area scope when it is null), at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<Guid>> HoldersAsync(Role role, Guid missionId, Guid? areaId, int limit, CancellationToken cancellationToken);
}
