using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;

namespace Amani.Analysis.Aggregates;

/// <summary>Totals of one unit in one month.</summary>
public sealed record UnitMonth<TKey>(TKey Unit, int MonthId, long Events, long FatalitiesBest, long FatalitiesLow, long FatalitiesHigh);

/// <summary>
/// Reads the aggregates a caller may see, summed over the violence types asked for: public incidents for everyone with
/// <c>incidents:read</c> in the mission, mission-confidential ones too for mission staff (not partners), as
/// <see cref="IncidentVisibility"/> decides for single incidents. Restricted incidents are not aggregated at all: who may
/// see them is decided incident by incident, which a total cannot honour.
/// </summary>
public sealed class AggregateReader(AmaniDbContext db)
{
    public static async Task<IReadOnlyList<Confidentiality>> AudienceAsync(AccessContext access, Guid missionId, CancellationToken cancellationToken)
    {
        if (!access.TokenAllows(Permission.IncidentsRead))
            return [];
        var roles = (await access.AssignmentsAsync(cancellationToken))
            .Where(a => (a.MissionId == null || a.MissionId == missionId) && RolePermissions.Grants(a.Role, Permission.IncidentsRead))
            .Select(a => a.Role).ToList();
        return roles.Count == 0 ? []
            : roles.Any(r => !r.ForOrganization) ? [Confidentiality.Public, Confidentiality.Mission]
            : [Confidentiality.Public];
    }

    /// <summary>The first and last month of the mission that have aggregates of this kind of unit (null when none).</summary>
    public async Task<(int First, int Last)?> MonthsWithDataAsync(Guid missionId, UnitKind unit, CancellationToken cancellationToken)
    {
        var months = unit == UnitKind.Cell
            ? db.Set<CellMonthAggregate>().Where(a => a.MissionId == missionId).Select(a => a.MonthId)
            : db.Set<AreaMonthAggregate>().Where(a => a.MissionId == missionId).Select(a => a.MonthId);
        var first = await months.MinAsync(m => (int?)m, cancellationToken);
        return first is null ? null : (first.Value, await months.MaxAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<UnitMonth<Guid>>> AreasAsync(Guid missionId, int level, int first, int last, IReadOnlyList<ViolenceType> violence,
        IReadOnlyList<Confidentiality> audience, CancellationToken cancellationToken) =>
        await (from a in db.Set<AreaMonthAggregate>()
               join area in db.AdminAreas on a.AreaId equals area.Id
               where a.MissionId == missionId && area.Level == level && a.MonthId >= first && a.MonthId <= last
                     && violence.Contains(a.Violence) && audience.Contains(a.Confidentiality)
               group a by new { a.AreaId, a.MonthId } into g
               select new UnitMonth<Guid>(g.Key.AreaId, g.Key.MonthId, g.Sum(x => (long)x.Events), g.Sum(x => (long)x.FatalitiesBest),
                   g.Sum(x => (long)x.FatalitiesLow), g.Sum(x => (long)x.FatalitiesHigh)))
            .AsNoTracking().ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<UnitMonth<int>>> CellsAsync(Guid missionId, int first, int last, IReadOnlyList<ViolenceType> violence,
        IReadOnlyList<Confidentiality> audience, CancellationToken cancellationToken) =>
        await db.Set<CellMonthAggregate>().AsNoTracking()
            .Where(a => a.MissionId == missionId && a.MonthId >= first && a.MonthId <= last && violence.Contains(a.Violence) && audience.Contains(a.Confidentiality))
            .GroupBy(a => new { a.Cell, a.MonthId })
            .Select(g => new UnitMonth<int>(g.Key.Cell, g.Key.MonthId, g.Sum(x => (long)x.Events), g.Sum(x => (long)x.FatalitiesBest),
                g.Sum(x => (long)x.FatalitiesLow), g.Sum(x => (long)x.FatalitiesHigh)))
            .ToListAsync(cancellationToken);

    /// <summary>Each area's totals over the months (reported as month <paramref name="first"/>): one row per area, not per month.</summary>
    public async Task<IReadOnlyList<UnitMonth<Guid>>> AreaTotalsAsync(Guid missionId, int level, int first, int last, IReadOnlyList<ViolenceType> violence,
        IReadOnlyList<Confidentiality> audience, CancellationToken cancellationToken) =>
        await (from a in db.Set<AreaMonthAggregate>()
               join area in db.AdminAreas on a.AreaId equals area.Id
               where a.MissionId == missionId && area.Level == level && a.MonthId >= first && a.MonthId <= last
                     && violence.Contains(a.Violence) && audience.Contains(a.Confidentiality)
               group a by a.AreaId into g
               select new UnitMonth<Guid>(g.Key, first, g.Sum(x => (long)x.Events), g.Sum(x => (long)x.FatalitiesBest),
                   g.Sum(x => (long)x.FatalitiesLow), g.Sum(x => (long)x.FatalitiesHigh)))
            .AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>Each cell's totals over the months (reported as month <paramref name="first"/>): one row per cell, not per month.</summary>
    public async Task<IReadOnlyList<UnitMonth<int>>> CellTotalsAsync(Guid missionId, int first, int last, IReadOnlyList<ViolenceType> violence,
        IReadOnlyList<Confidentiality> audience, CancellationToken cancellationToken) =>
        await db.Set<CellMonthAggregate>().AsNoTracking()
            .Where(a => a.MissionId == missionId && a.MonthId >= first && a.MonthId <= last && violence.Contains(a.Violence) && audience.Contains(a.Confidentiality))
            .GroupBy(a => a.Cell)
            .Select(g => new UnitMonth<int>(g.Key, first, g.Sum(x => (long)x.Events), g.Sum(x => (long)x.FatalitiesBest),
                g.Sum(x => (long)x.FatalitiesLow), g.Sum(x => (long)x.FatalitiesHigh)))
            .ToListAsync(cancellationToken);

    /// <summary>The mission's aggregates' version (0 before the first refresh).</summary>
    public async Task<long> VersionAsync(Guid missionId, CancellationToken cancellationToken) =>
        await db.Set<AggregateState>().Where(s => s.MissionId == missionId).Select(s => (long?)s.Version).FirstOrDefaultAsync(cancellationToken) ?? 0;
}
