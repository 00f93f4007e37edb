using System.Diagnostics;
using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Amani.Platform.Measures;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Aggregates;

/// <summary>
/// Recomputes stale aggregate slices with set-based SQL: per run of consecutive stale months, delete that range's rows
/// and insert them again from the incidents, all in one transaction per mission. Safe with several nodes on one
/// database: a refresh holds the mission's lock (a PostgreSQL advisory lock; SQLite's writer lock), reads the markers,
/// deletes exactly those, and only then reads the incidents — so a change committed meanwhile keeps its own marker and
/// is picked up by the next refresh, and two refreshes never interleave.
/// </summary>
/// <remarks>
/// After committing, it announces the months it recomputed to the computed indicators
/// (<see cref="MeasureChanges.Changed"/>, source <see cref="IncidentMeasures.Name"/>; no range after a whole-mission
/// rebuild): the incident measures count what the aggregates count, so they changed exactly there.
/// </remarks>
public sealed class AggregateRefresher(AmaniDbContext db, TimeProvider clock, MeasureChanges measureChanges)
{
    /// <summary>What a refresh or rebuild did: the months recomputed (null: all), and how long it took.</summary>
    public sealed record Outcome(int? Months, bool WholeMission, long AreaRows, long CellRows, TimeSpan Elapsed)
    {
        public static readonly Outcome Nothing = new(0, false, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The missions that have stale slices.</summary>
    public async Task<IReadOnlyList<Guid>> MissionsWithStaleSlicesAsync(CancellationToken cancellationToken) =>
        await db.Set<AggregateDirtySlice>().Select(s => s.MissionId).Distinct().ToListAsync(cancellationToken);

    /// <summary>Recomputes the mission's stale slices (nothing when none are).</summary>
    public async Task<Outcome> RefreshAsync(Guid missionId, CancellationToken cancellationToken)
    {
        if (!await db.Set<AggregateDirtySlice>().AnyAsync(s => s.MissionId == missionId, cancellationToken))
            return Outcome.Nothing;
        var refreshed = new List<(int First, int Last)>();
        var outcome = await UnderLockAsync(missionId, async () =>
        {
            var markers = await db.Set<AggregateDirtySlice>().AsNoTracking().Where(s => s.MissionId == missionId)
                .Select(s => new { s.Id, s.MonthId }).ToListAsync(cancellationToken);
            if (markers.Count == 0)
                return Outcome.Nothing; // another node refreshed them while we waited for the lock
            var ids = markers.Select(m => m.Id).ToList();
            foreach (var chunk in ids.Chunk(5000))
                await db.Set<AggregateDirtySlice>().Where(s => chunk.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
            if (markers.Any(m => m.MonthId is null))
                return await RecomputeAsync(missionId, null, cancellationToken);
            var months = markers.Select(m => m.MonthId!.Value).Distinct().Order().ToList();
            var (areas, cells) = (0L, 0L);
            foreach (var (first, last) in Runs(months))
            {
                var run = await RecomputeAsync(missionId, (first, last), cancellationToken);
                (areas, cells) = (areas + run.AreaRows, cells + run.CellRows);
                refreshed.Add((first, last));
            }
            return new Outcome(months.Count, false, areas, cells, TimeSpan.Zero);
        }, cancellationToken);
        Announce(missionId, outcome, refreshed);
        return outcome;
    }

    /// <summary>Recomputes every aggregate of the mission from its incidents (and forgets its stale markers).</summary>
    public async Task<Outcome> RebuildAsync(Guid missionId, CancellationToken cancellationToken)
    {
        var outcome = await UnderLockAsync(missionId, async () =>
        {
            await db.Set<AggregateDirtySlice>().Where(s => s.MissionId == missionId).ExecuteDeleteAsync(cancellationToken);
            return await RecomputeAsync(missionId, null, cancellationToken);
        }, cancellationToken);
        Announce(missionId, outcome, []);
        return outcome;
    }

    /// <summary>Tells the computed indicators which months of the mission's incidents changed (committed by now).</summary>
    private void Announce(Guid missionId, Outcome outcome, IReadOnlyList<(int First, int Last)> runs)
    {
        if (outcome.WholeMission)
        {
            measureChanges.Changed(missionId, IncidentMeasures.Name);
            return;
        }
        foreach (var (first, last) in runs)
            measureChanges.Changed(missionId, IncidentMeasures.Name, DateOnly.FromDateTime(MonthIds.Start(first)), DateOnly.FromDateTime(MonthIds.Start(last + 1)));
    }

    private async Task<Outcome> UnderLockAsync(Guid missionId, Func<Task<Outcome>> work, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var transaction = await DatabaseLocks.BeginExclusiveAsync(db, LockKey(missionId), cancellationToken);
        if (db.Database.IsNpgsql()) // the planner overestimates the per-row subqueries and JIT-compiles for a second; the plain plan is faster
            await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", cancellationToken);
        var outcome = await work();
        if (outcome != Outcome.Nothing)
            await db.Database.ExecuteSqlRawAsync(AggregateSql.BumpVersion, [missionId, clock.GetUtcNow().UtcDateTime], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome with { Elapsed = watch.Elapsed };
    }

    /// <summary>
    /// One advisory lock per mission, the same on every node: the id's last four bytes (random in a UUIDv7). Missions
    /// refresh in parallel; a collision only serialises two of them.
    /// </summary>
    internal static long LockKey(Guid missionId) => 0x414D_2400_0000_0000L | BitConverter.ToUInt32(missionId.ToByteArray(), 12);

    private async Task<Outcome> RecomputeAsync(Guid missionId, (int First, int Last)? months, CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsNpgsql();
        var ranged = months is not null;
        var countries = await db.AdminAreas.Where(a => a.MissionId == missionId && a.Level == 0).OrderBy(a => a.Id).Select(a => a.Id).Take(2).ToListAsync(cancellationToken);
        var parameters = new List<object> { missionId };
        if (months is var (first, last))
        {
            await db.Database.ExecuteSqlRawAsync(AggregateSql.Delete("area_month_aggregates", true), [missionId, first, last], cancellationToken);
            await db.Database.ExecuteSqlRawAsync(AggregateSql.Delete("cell_month_aggregates", true), [missionId, first, last], cancellationToken);
            parameters.Add(MonthIds.Start(first));
            parameters.Add(MonthIds.Start(last + 1));
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync(AggregateSql.Delete("area_month_aggregates", false), [missionId], cancellationToken);
            await db.Database.ExecuteSqlRawAsync(AggregateSql.Delete("cell_month_aggregates", false), [missionId], cancellationToken);
        }
        var cells = await db.Database.ExecuteSqlRawAsync(AggregateSql.InsertCells(postgres, ranged), parameters, cancellationToken);
        int? countryParameter = null;
        if (countries is [var country])
        {
            countryParameter = parameters.Count;
            parameters.Add(country);
        }
        var areas = await db.Database.ExecuteSqlRawAsync(AggregateSql.InsertAreas(postgres, ranged, countryParameter), parameters, cancellationToken);
        if (postgres && !ranged) // a whole mission rewritten: fresh statistics, or reads plan for the empty tables they last saw (5x slower at 1M incidents)
            await db.Database.ExecuteSqlRawAsync("ANALYZE area_month_aggregates, cell_month_aggregates", cancellationToken);
        return new Outcome(months is var (a, b) ? b - a + 1 : null, months is null, areas, cells, TimeSpan.Zero);
    }

    /// <summary>Sorted distinct months as runs of consecutive months: 1,2,3,7 → (1,3),(7,7).</summary>
    internal static IEnumerable<(int First, int Last)> Runs(IReadOnlyList<int> sorted)
    {
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
                j++;
            yield return (sorted[i], sorted[j]);
            i = j + 1;
        }
    }
}
