using Amani.Register.Incidents;

namespace Amani.Analysis.Dashboard;

/// <summary>
/// An immutable copy of a mission's placed incidents: the points, the tables their
/// indexes refer to, and the grants of restricted incidents. A change produces a new snapshot; readers never lock.
/// </summary>
internal sealed class MapSnapshot
{
    public required MapPoint[] Points { get; init; }
    /// <summary>
    /// The points' positions again, apart (<c>Xs[i]</c>, <c>Ys[i]</c> are <c>Points[i]</c>'s): a viewport's first test reads
    /// 16 bytes per incident instead of the whole 80-byte point, so a pan or zoom scans a fifth of the memory.
    /// </summary>
    public required double[] Xs { get; init; }
    public required double[] Ys { get; init; }
    public required IReadOnlyDictionary<Guid, int> Slots { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }
    public required IReadOnlyList<Guid?> Areas { get; init; }
    public required IReadOnlyList<Guid> Recorders { get; init; }
    public required IReadOnlyDictionary<Guid, IReadOnlyList<IncidentGrant>> Grants { get; init; }

    public static MapSnapshot Empty { get; } = new()
    {
        Points = [], Xs = [], Ys = [], Slots = new Dictionary<Guid, int>(), Categories = [], Areas = [], Recorders = [],
        Grants = new Dictionary<Guid, IReadOnlyList<IncidentGrant>>(),
    };
}
