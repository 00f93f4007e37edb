using Amani.Incidents;

namespace Amani.Dashboard;

/// <summary>
/// An immutable copy of a mission's placed incidents: the points, the tables their
/// indexes refer to, and the grants of restricted incidents. A change produces a new snapshot; readers never lock.
/// </summary>
internal sealed class MapSnapshot
{
    public required MapPoint[] Points { get; init; }
    public required IReadOnlyDictionary<Guid, int> Slots { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }
    public required IReadOnlyList<Guid?> Areas { get; init; }
    public required IReadOnlyList<Guid> Recorders { get; init; }
    public required IReadOnlyDictionary<Guid, IReadOnlyList<IncidentGrant>> Grants { get; init; }

    public static MapSnapshot Empty { get; } = new()
    {
        Points = [], Slots = new Dictionary<Guid, int>(), Categories = [], Areas = [], Recorders = [],
        Grants = new Dictionary<Guid, IReadOnlyList<IncidentGrant>>(),
    };
}
