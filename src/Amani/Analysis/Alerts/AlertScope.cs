using Amani.Platform.Access;
using Amani.Platform.Data;

namespace Amani.Analysis.Alerts;

/// <summary>
/// Where in a mission a caller may use an alert permission. A role granted for the whole mission (or every mission)
/// covers every alert and rule of it. A role granted for an area covers what concerns that area: alerts and rules of
/// the area, of areas inside it, of areas containing it, and of the whole mission (<see cref="Concerns"/>); it may
/// manage only rules inside its area (<see cref="Manages"/>). Decided here, for every alert endpoint.
/// </summary>
public sealed class AlertScope
{
    private readonly IReadOnlySet<Guid>? _concerned;
    private readonly IReadOnlySet<Guid>? _inside;

    private AlertScope(Guid missionId, IReadOnlySet<Guid>? concerned, IReadOnlySet<Guid>? inside)
    {
        MissionId = missionId;
        _concerned = concerned;
        _inside = inside;
    }

    public Guid MissionId { get; }

    public bool WholeMission => _concerned is null;

    /// <summary>The caller's scope in <paramref name="missionId"/> for <paramref name="permission"/>; null when they hold it nowhere there.</summary>
    public static async Task<AlertScope?> ForAsync(AmaniDbContext db, AccessContext access, Guid missionId, Permission permission,
        CancellationToken cancellationToken)
    {
        if (!access.TokenAllows(permission))
            return null;
        var grants = (await access.AssignmentsAsync(cancellationToken))
            .Where(a => (a.MissionId == null || a.MissionId == missionId) && RolePermissions.Grants(a.Role, permission)).ToList();
        if (grants.Count == 0)
            return null;
        if (grants.Any(a => a.AreaId is null))
            return new AlertScope(missionId, null, null);
        var tree = await AreaTree.LoadAsync(db, missionId, cancellationToken);
        var roots = grants.Select(a => tree.Find(a.AreaId)).OfType<AreaTree.Node>().ToList();
        return new AlertScope(missionId,
            roots.SelectMany(tree.Overlapping).Select(a => a.Id).ToHashSet(),
            roots.SelectMany(tree.Subtree).Select(a => a.Id).ToHashSet());
    }

    /// <summary>True when an alert or rule of <paramref name="areaId"/> (null: the whole mission) concerns the caller.</summary>
    public bool Concerns(Guid? areaId) => _concerned is null || areaId is null || _concerned.Contains(areaId.Value);

    /// <summary>True when the caller may manage a rule over <paramref name="areaId"/> (null: the whole mission).</summary>
    public bool Manages(Guid? areaId) => _inside is null || (areaId is not null && _inside.Contains(areaId.Value));

    public IQueryable<Alert> Filter(IQueryable<Alert> alerts)
    {
        var missionId = MissionId;
        alerts = alerts.Where(a => a.MissionId == missionId);
        if (_concerned is null)
            return alerts;
        var areas = _concerned.ToList();
        return alerts.Where(a => a.AreaId == null || areas.Contains(a.AreaId.Value));
    }

    public IQueryable<AlertRule> Filter(IQueryable<AlertRule> rules)
    {
        var missionId = MissionId;
        rules = rules.Where(r => r.MissionId == missionId);
        if (_concerned is null)
            return rules;
        var areas = _concerned.ToList();
        return rules.Where(r => r.AreaId == null || areas.Contains(r.AreaId.Value));
    }
}
