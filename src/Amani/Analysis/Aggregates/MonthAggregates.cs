using Amani.Register.Incidents;

namespace Amani.Analysis.Aggregates;

/// <summary>
/// Incidents of one admin area (and everything below it) in one month, of one violence type and one confidentiality:
/// how many, and their fatalities. Derived data, recomputed from the incidents by <see cref="AggregateRefresher"/>.
/// </summary>
public sealed class AreaMonthAggregate
{
    public Guid MissionId { get; set; }
    public Guid AreaId { get; set; }
    public int MonthId { get; set; }
    public ViolenceType Violence { get; set; }
    /// <summary>Public or Mission: aggregates serve each reader only what they may see; restricted incidents are never aggregated.</summary>
    public Confidentiality Confidentiality { get; set; }
    public int Events { get; set; }
    public int FatalitiesBest { get; set; }
    public int FatalitiesLow { get; set; }
    public int FatalitiesHigh { get; set; }
}

/// <summary>The same as <see cref="AreaMonthAggregate"/> for one PRIO-GRID cell (<see cref="Geo.PrioGrid"/> gid).</summary>
public sealed class CellMonthAggregate
{
    public Guid MissionId { get; set; }
    public int Cell { get; set; }
    public int MonthId { get; set; }
    public ViolenceType Violence { get; set; }
    public Confidentiality Confidentiality { get; set; }
    public int Events { get; set; }
    public int FatalitiesBest { get; set; }
    public int FatalitiesLow { get; set; }
    public int FatalitiesHigh { get; set; }
}

/// <summary>
/// "The aggregates of this mission's month are stale": written in the same transaction as the incident change that made
/// them so, removed by the refresher that recomputes them. Several markers for one slice are fine (no upsert needed).
/// A null <see cref="MonthId"/> means every month of the mission (after a change of the area tree).
/// </summary>
public sealed class AggregateDirtySlice
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public int? MonthId { get; set; }
}

/// <summary>A mission's aggregates' version: increases with every refresh, so derived results (hot spots) are cached by it.</summary>
public sealed class AggregateState
{
    public Guid MissionId { get; set; }
    public long Version { get; set; }
    public DateTime RefreshedAt { get; set; }
}
