using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Amani.Analysis.Aggregates;

/// <summary>
/// Marks (mission, month) slices of the aggregates stale, in the transaction of the change that made them so; the
/// refresher recomputes them. <see cref="MarkChanged"/> is called inside every save of <see cref="AmaniDbContext"/> (<see cref="AggregateSliceMarker"/>), for
/// incidents changed through the change tracker. Writers that bypass it (bulk inserts, COPY, raw SQL updates) call
/// <see cref="MarkDirtyAsync(AmaniDbContext, Guid, IEnumerable{int}, CancellationToken)"/> or
/// <see cref="MarkIncidentsDirtyAsync"/> inside their own transaction.
/// </summary>
public static class AggregateSlices
{
    /// <summary>Incident properties that change what an incident adds to the aggregates, or to the incident measures (<see cref="IncidentMeasures"/>, civilian fatalities).</summary>
    private static readonly HashSet<string> Counted =
    [
        nameof(Incident.MissionId), nameof(Incident.CategoryCode), nameof(Incident.OccurredFrom), nameof(Incident.AreaId),
        nameof(Incident.PrioGridCell), nameof(Incident.LocationPrecision), nameof(Incident.FatalitiesBest), nameof(Incident.FatalitiesLow),
        nameof(Incident.FatalitiesHigh), nameof(Incident.CivilianFatalities), nameof(Incident.Status), nameof(Incident.DuplicateOfId), nameof(Incident.Confidentiality),
    ];

    /// <summary>
    /// Adds a marker for each slice that the tracked changes touch: an incident's old and new month when it was added,
    /// deleted, or changed in a counted property or in its actors (they decide the violence type); every month of a
    /// mission whose area tree changed (a parent, or a country area that unplaced incidents count towards).
    /// </summary>
    public static void MarkChanged(AmaniDbContext db)
    {
        var tracker = db.ChangeTracker;
        if (!tracker.AutoDetectChangesEnabled)
        {
            Mark(db, tracker); // the caller manages change detection itself
            return;
        }
        tracker.DetectChanges(); // once, rather than once per Entries() call below (an import batch tracks thousands of rows)
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            Mark(db, tracker);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = true;
        }
    }

    private static void Mark(AmaniDbContext db, ChangeTracker tracker)
    {
        var slices = new HashSet<(Guid Mission, int? Month)>();
        var changedActors = tracker.Entries<IncidentActor>().Where(IsChanged).Select(e => e.Entity.IncidentId).ToHashSet();
        foreach (var entry in tracker.Entries<Incident>())
        {
            if (entry.State is EntityState.Added)
                slices.Add((entry.Entity.MissionId, MonthIds.Of(entry.Entity.OccurredFrom)));
            else if (entry.State is EntityState.Deleted
                     || (entry.State is EntityState.Modified && (changedActors.Contains(entry.Entity.Id) || CountedChange(entry)))
                     || (entry.State is EntityState.Unchanged && changedActors.Contains(entry.Entity.Id)))
            {
                slices.Add((entry.Property(i => i.MissionId).OriginalValue, MonthIds.Of(entry.Property(i => i.OccurredFrom).OriginalValue)));
                if (entry.State is not EntityState.Deleted)
                    slices.Add((entry.Entity.MissionId, MonthIds.Of(entry.Entity.OccurredFrom)));
            }
        }
        foreach (var entry in tracker.Entries<AdminArea>().Where(AreaTreeChanged))
            slices.Add((entry.Entity.MissionId, null));
        var markers = db.Set<AggregateDirtySlice>();
        foreach (var (mission, month) in slices)
            markers.Add(new AggregateDirtySlice { MissionId = mission, MonthId = month });
    }

    private static bool IsChanged(EntityEntry entry) => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;

    private static bool CountedChange(EntityEntry<Incident> entry) =>
        entry.Properties.Any(p => p.IsModified && Counted.Contains(p.Metadata.Name) && !Equals(p.CurrentValue, p.OriginalValue));

    private static bool AreaTreeChanged(EntityEntry<AdminArea> entry) => entry.State switch
    {
        EntityState.Added => entry.Entity.Level == 0,
        EntityState.Deleted => true,
        EntityState.Modified => entry.Properties.Any(p => p.IsModified && p.Metadata.Name is nameof(AdminArea.ParentId) or nameof(AdminArea.Path)
            or nameof(AdminArea.Level) && !Equals(p.CurrentValue, p.OriginalValue)),
        _ => false,
    };

    /// <summary>
    /// Marks the given months of a mission stale, in <paramref name="db"/>'s current transaction (begin one first so
    /// that the marks commit with your change). For a bulk writer: pass the months (<see cref="MonthIds.Of(DateTime)"/>
    /// of <c>OccurredFrom</c>) of the rows inserted, and of updated rows both their old and their new month.
    /// The SQL equivalent, for a writer on its own connection: one
    /// <c>INSERT INTO aggregate_dirty_slices (id, mission_id, month_id) VALUES (@id, @mission, @month)</c> per month,
    /// with a fresh UUID as id.
    /// </summary>
    public static async Task MarkDirtyAsync(AmaniDbContext db, Guid missionId, IEnumerable<int> months, CancellationToken cancellationToken)
    {
        var distinct = months.Distinct().Order().ToList();
        foreach (var chunk in distinct.Chunk(200))
        {
            var values = string.Join(", ", chunk.Select((_, i) => $"({{{3 * i}}}, {{{3 * i + 1}}}, {{{3 * i + 2}}})"));
            var parameters = chunk.SelectMany(month => new object[] { Guid.CreateVersion7(), missionId, month }).ToArray();
            var sql = "INSERT INTO aggregate_dirty_slices (id, mission_id, month_id) VALUES " + values; // placeholders only: the values are parameters
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
    }

    /// <summary>Marks the months of these occurrence times stale (see <see cref="MarkDirtyAsync(AmaniDbContext, Guid, IEnumerable{int}, CancellationToken)"/>).</summary>
    public static Task MarkDirtyAsync(AmaniDbContext db, Guid missionId, IEnumerable<DateTime> occurredFrom, CancellationToken cancellationToken) =>
        MarkDirtyAsync(db, missionId, occurredFrom.Select(MonthIds.Of), cancellationToken);

    /// <summary>
    /// Marks the months the given incidents have now. For an update in SQL, call it before the update (their old months)
    /// and after it (their new months), in the same transaction.
    /// </summary>
    public static async Task MarkIncidentsDirtyAsync(AmaniDbContext db, Guid missionId, IReadOnlyCollection<Guid> incidentIds, CancellationToken cancellationToken)
    {
        var months = new HashSet<int>();
        foreach (var chunk in incidentIds.Chunk(1000))
        {
            var times = await db.Incidents.AsNoTracking().Where(i => i.MissionId == missionId && chunk.Contains(i.Id))
                .Select(i => i.OccurredFrom).ToListAsync(cancellationToken);
            months.UnionWith(times.Select(MonthIds.Of));
        }
        await MarkDirtyAsync(db, missionId, months, cancellationToken);
    }

    /// <summary>Marks every month of a mission stale: the refresher then rebuilds the whole mission.</summary>
    public static Task MarkMissionDirtyAsync(AmaniDbContext db, Guid missionId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("INSERT INTO aggregate_dirty_slices (id, mission_id, month_id) VALUES ({0}, {1}, NULL)",
            [Guid.CreateVersion7(), missionId], cancellationToken);
}
